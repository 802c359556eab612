import helmet from 'helmet';

/**
 * The pages load scripts and stylesheets from /static only (no inline script, style or event handler),
 * ask only this origin for data, and may not be framed. `<script type="application/json">` and
 * `application/ld+json` blocks are data, not scripts: a policy without 'unsafe-inline' leaves them alone.
 */
export const CONTENT_SECURITY_POLICY_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * helmet's security headers on every answer, less what belongs to the TLS front: HSTS (its
 * includeSubDomains would bind a data centre's other hosts) and upgrade-insecure-requests (it breaks a
 * service run over plain HTTP inside a network). Cross-Origin-Resource-Policy is left out: the API is
 * meant to be read from other origins (CORS).
 */
export const securityHeaders = helmet({
  contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY_DIRECTIVES },
  strictTransportSecurity: false,
  crossOriginResourcePolicy: false,
  crossOriginOpenerPolicy: { policy: 'same-origin' },
  referrerPolicy: { policy: 'no-referrer' },
  xFrameOptions: { action: 'deny' },
});

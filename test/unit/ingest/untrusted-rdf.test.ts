import { IngestError, InputBoundError, ParseBusyError, ParseGate, parseRdf, parseUntrustedRdf } from '../../../src/ingest/index.js';
import { checkJsonDepth, checkXmlEntities } from '../../../src/ingest/untrusted-input-checks.js';

const LIMITS = { timeoutMs: 20_000 };
/** 6 KB of nested JSON that makes oxigraph's JSON-LD parser overflow its stack (a WebAssembly trap). */
const TRAPPING_JSONLD = `${'{"a":'.repeat(1_000)}"x"${'}'.repeat(1_000)}`;

describe('parseUntrustedRdf: request bodies parsed in a disposable worker', () => {
  test('answers the quads of every syntax, as the synchronous parser does', async () => {
    const turtle = '@prefix ex: <urn:ex:> .\nex:a ex:p "one", _:b .\n_:b ex:q ex:c .\n';
    const quads = await parseUntrustedRdf(turtle, 'ttl', 'body', 'urn:base', LIMITS);
    expect(quads).toHaveLength(parseRdf(turtle, 'ttl', 'body', 'urn:base').length);
    const jsonld = JSON.stringify({ '@id': 'urn:ex:a', 'urn:ex:p': [{ '@value': 'chat', '@language': 'fr' }] });
    const [quad] = await parseUntrustedRdf(jsonld, 'jsonld', 'body', 'urn:base', LIMITS);
    expect(quad).toMatchObject({ subject: { value: 'urn:ex:a' }, object: { value: 'chat', language: 'fr' } });
  });

  test("a syntax error comes back as the worker's IngestError, with its line", async () => {
    const error = await parseUntrustedRdf('<urn:ex:a> <urn:ex:p> "ok" .\n<urn:ex:b> <urn:ex:p> "open .\n', 'nt', 'body', 'urn:base', LIMITS).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(IngestError);
    expect(error).toMatchObject({ code: 'rdf-syntax', location: { file: 'body', line: 2 } });
  });

  test('a body that traps oxigraph costs the worker: 400-class IngestError, and oxigraph on this thread still parses', async () => {
    const error = await parseUntrustedRdf(TRAPPING_JSONLD, 'jsonld', 'body', 'urn:base', { ...LIMITS, maxJsonDepth: 10_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect(error).toMatchObject({ code: 'parser-crashed' });
    expect(parseRdf('{"@id":"urn:ex:a","urn:ex:p":"still fine"}', 'jsonld', 'trusted', 'urn:base')).toHaveLength(1);
  });

  test('a parse over its time limit is an InputBoundError naming the limit', async () => {
    const big = Array.from({ length: 20_000 }, (_, i) => `<urn:ex:s${i}> <urn:ex:p> "${i}" .`).join('\n');
    const error = await parseUntrustedRdf(big, 'nt', 'body', 'urn:base', { timeoutMs: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputBoundError);
    expect(error).toMatchObject({ code: 'parse-time', bound: 'parse time (ms)', limit: 1 });
  });
});

describe('linear checks before any parser', () => {
  test('JSON deeper than the bound is refused with its line and column; strings holding brackets do not count', () => {
    expect(() => checkJsonDepth(TRAPPING_JSONLD, 'body')).toThrow(InputBoundError);
    expect(() => checkJsonDepth(`{"a": "${'['.repeat(500)}"}`, 'body')).not.toThrow();
    expect(() => checkJsonDepth(`{"a":\n  ${'['.repeat(3)}]]]}`, 'body', 3)).toThrow(
      expect.objectContaining({ location: { file: 'body', line: 2, column: 5 }, limit: 3 }) as Error,
    );
  });

  test('XML: nested, parameter and external entities are refused, namespace abbreviations pass', () => {
    expect(() => checkXmlEntities('<!DOCTYPE r [<!ENTITY a "x"><!ENTITY b "&a;&a;">]><r/>', 'body')).toThrow(
      expect.objectContaining({ bound: 'entity nesting' }) as Error,
    );
    expect(() => checkXmlEntities('<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>', 'body')).toThrow(
      expect.objectContaining({ code: 'xml-entity' }) as Error,
    );
    expect(() => checkXmlEntities('<!DOCTYPE r [<!ENTITY % p "x">]><r/>', 'body')).toThrow(expect.objectContaining({ code: 'xml-entity' }) as Error);
    expect(() =>
      checkXmlEntities('<!DOCTYPE rdf:RDF [<!ENTITY skos "http://www.w3.org/2004/02/skos/core#">]><rdf:RDF about="&skos;Concept"/>', 'body'),
    ).not.toThrow();
  });

  test('XML: entity references that expand past the bound are refused (a quadratic blow-up)', () => {
    const value = 'x'.repeat(10_000);
    const uses = '&big;'.repeat(200);
    expect(() => checkXmlEntities(`<!DOCTYPE r [<!ENTITY big "${value}">]><r>${uses}</r>`, 'body')).toThrow(
      expect.objectContaining({ bound: 'entity expansion' }) as Error,
    );
  });
});

describe('ParseGate: a bounded number of parsing workers', () => {
  test('runs at most `running` tasks at once, queues `waiting` more, and refuses the rest as busy', async () => {
    const gate = new ParseGate(2, 1);
    let active = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    const task = () =>
      gate.run(async () => {
        most = Math.max(most, ++active);
        await new Promise<void>((resolve) => releases.push(resolve));
        active--;
      });
    const running = [task(), task(), task()];
    await expect(task()).rejects.toBeInstanceOf(ParseBusyError);
    while (releases.length > 0 || active > 0) {
      releases.shift()?.();
      await new Promise((r) => setTimeout(r, 5));
    }
    await Promise.all(running);
    expect(most).toBe(2);
    await expect(gate.run(async () => 'free again')).resolves.toBe('free again');
  });
});

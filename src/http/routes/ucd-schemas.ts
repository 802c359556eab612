/** The shapes of the UCD and VOTable answers (src/ucd's UcdValidation, UcdExplanation, UcdCandidate, WordListing, VotableReport). */
import { z } from 'zod';
import { UCD_SYNTAX_CODES } from '../../model/index.js';
import { UCD_DIAGNOSTIC_CODES } from '../../ucd/index.js';

const ucdStatus = z.enum(['valid', 'valid-with-warnings', 'deprecated', 'invalid']);

export const ucdValidationSchema = z
  .object({
    input: z.string(),
    status: ucdStatus,
    canonical: z.string().nullable().describe('canonical spelling, or null when the UCD cannot be parsed into words'),
    words: z.array(
      z.object({
        text: z.string(),
        namespace: z.string().optional(),
        start: z.number().int(),
        end: z.number().int(),
        canonical: z.string().optional(),
        code: z.string().optional(),
        description: z.string().optional(),
        iri: z.string().optional(),
        status: z.enum(['known', 'deprecated', 'unknown', 'foreign', 'malformed']),
        replacement: z.string().optional(),
      }),
    ),
    diagnostics: z.array(
      z.object({
        code: z.enum(UCD_DIAGNOSTIC_CODES),
        severity: z.enum(['error', 'warning', 'info']),
        message: z.string(),
        start: z.number().int().describe('0-based offset in the input'),
        end: z.number().int().describe('exclusive'),
        wordIndex: z.number().int().optional(),
        replacement: z.string().optional(),
      }),
    ),
    suggestions: z.array(z.object({ ucd: z.string(), reasons: z.array(z.string()), status: ucdStatus })),
  })
  .meta({ id: 'UcdValidation' });

export const ucdExplanationSchema = z
  .object({
    input: z.string(),
    status: ucdStatus,
    canonical: z.string().nullable(),
    text: z.string().describe('one sentence'),
    words: z.array(
      z.object({
        word: z.string(),
        description: z.string(),
        code: z.string().optional(),
        iri: z.string().optional(),
        role: z.enum(['quantity', 'qualifier']),
        status: z.string(),
      }),
    ),
  })
  .meta({ id: 'UcdExplanation' });

export const ucdCandidatesSchema = z.array(
  z.object({ ucd: z.string(), score: z.number().describe('0..1, higher is better'), reasons: z.array(z.string()), status: ucdStatus }),
);

export const ucdWordsSchema = z.array(
  z.object({
    word: z.string(),
    code: z.enum(UCD_SYNTAX_CODES).optional(),
    description: z.string().optional(),
    iri: z.string(),
    deprecated: z.boolean(),
    replacement: z.string().optional(),
  }),
);

const findingStatus = z.enum(['valid', 'valid-with-warnings', 'deprecated', 'invalid', 'not-checked']);

export const votableReportSchema = z
  .object({
    version: z.string().optional(),
    status: ucdStatus,
    problems: z.array(
      z.object({ message: z.string(), line: z.number().int().optional(), column: z.number().int().optional(), severity: z.enum(['error', 'warning']) }),
    ),
    findings: z.array(
      z.object({
        element: z.string(),
        attribute: z.string(),
        name: z.string().optional(),
        line: z.number().int(),
        column: z.number().int(),
        value: z.string(),
        status: findingStatus,
        message: z.string(),
        suggestion: z.string().optional(),
        ucd: ucdValidationSchema.optional(),
      }),
    ),
    counts: z.record(findingStatus, z.number().int()),
    truncated: z.boolean().describe('some findings are counted but not listed'),
  })
  .meta({ id: 'VotableReport' });

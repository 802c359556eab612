/**
 * UCD1+ syntax codes (UCD1+ EN 1.6 §2): P primary only, S secondary only, Q either position,
 * E photometric (may be followed by an `em` word), C colour (by two `em` words), V vector (by an
 * axis or frame word). E, C and V place like Q.
 */
export const UCD_SYNTAX_CODES = ['P', 'S', 'Q', 'E', 'C', 'V'] as const;
export type UcdSyntaxCode = (typeof UCD_SYNTAX_CODES)[number];

/** One word of the UCD list, in its canonical spelling. */
export interface UcdWord {
  word: string;
  code: UcdSyntaxCode;
  description: string;
}

/** One row of `ucd-list-deprecated.txt`: a word no longer to be used and what to use instead. */
export interface DeprecatedUcdWord {
  word: string;
  /** The replacement UCD, canonical spelling; may be compound (`phot.color;em.opt.B;em.opt.V`). */
  replacement: string;
  /** 1-based line in the deprecation file. */
  line: number;
}

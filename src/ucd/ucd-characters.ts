/** Characters a UCD may hold, and what to say about the others. */

/** UCD1+ EN 1.6 §1 and the UCD REC: atoms of letters, digits, `-` and `_`; `.` joins atoms, `;` joins words, `:` ends a namespace. */
export function isUcdCharacter(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) || // a-z
    (code >= 0x41 && code <= 0x5a) || // A-Z
    (code >= 0x30 && code <= 0x39) || // 0-9
    code === 0x2e || // .
    code === 0x3b || // ;
    code === 0x3a || // :
    code === 0x2d || // -
    code === 0x5f // _
  );
}

export function isAtomCharacter(char: string): boolean {
  return /^[A-Za-z0-9_-]$/.test(char);
}

/** Non-ASCII characters that look like, or stand for, an allowed one. */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  // Cyrillic
  '\u0430': 'a', '\u0435': 'e', '\u043e': 'o', '\u0440': 'p', '\u0441': 'c', '\u0443': 'y', '\u0445': 'x',
  '\u0456': 'i', '\u0458': 'j', '\u0455': 's', '\u0501': 'd', '\u04bb': 'h', '\u0432': 'B',
  '\u0410': 'A', '\u0412': 'B', '\u0415': 'E', '\u041a': 'K', '\u041c': 'M', '\u041d': 'H', '\u041e': 'O',
  '\u0420': 'P', '\u0421': 'C', '\u0422': 'T', '\u0425': 'X', '\u0406': 'I', '\u0408': 'J', '\u0405': 'S',
  // Greek
  '\u03bf': 'o', '\u03b1': 'a', '\u03bd': 'v', '\u03c1': 'p', '\u03b9': 'i', '\u03ba': 'k',
  '\u0391': 'A', '\u0392': 'B', '\u0395': 'E', '\u0396': 'Z', '\u0397': 'H', '\u0399': 'I', '\u039a': 'K',
  '\u039c': 'M', '\u039d': 'N', '\u039f': 'O', '\u03a1': 'P', '\u03a4': 'T', '\u03a5': 'Y', '\u03a7': 'X',
  // Latin look-alikes
  '\u0261': 'g', '\u0131': 'i', '\u1d00': 'A',
  // Punctuation
  '\u2024': '.', '\u00b7': '.', '\u2027': '.', '\u3002': '.', '\uff0e': '.',
  '\u037e': ';', '\uff1b': ';', '\u204f': ';',
  '\uff1a': ':', '\u02d0': ':', '\u2236': ':',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2212': '-', '\ufe63': '-', '\uff0d': '-',
};

export type CharacterClass = 'whitespace' | 'control' | 'look-alike' | 'other';

/** What kind of disallowed character `char` is, and its ASCII stand-in where it has one. */
export function classifyCharacter(char: string): { kind: CharacterClass; asciiFor?: string } {
  if (/^\s$/u.test(char)) return { kind: 'whitespace' };
  if (/^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]$/u.test(char)) return { kind: 'control' };
  const folded = LOOK_ALIKES[char] ?? char.normalize('NFKC');
  if (folded.length === 1 && isUcdCharacter(folded.charCodeAt(0))) return { kind: 'look-alike', asciiFor: folded };
  return { kind: 'other' };
}

/** `U+0430` and, where it prints, the character itself. */
export function describeCharacter(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(char) ? `"${char}" (${hex})` : hex;
}

/** The input with look-alikes replaced by their ASCII stand-in and whitespace and control characters removed. */
export function foldToAscii(input: string): string {
  let out = '';
  for (const char of input) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80 && isUcdCharacter(code)) {
      out += char;
      continue;
    }
    const { kind, asciiFor } = classifyCharacter(char);
    if (kind === 'look-alike' && asciiFor) out += asciiFor;
    else if (kind === 'other') out += char;
  }
  return out;
}

import { AstrovocError, ERROR_KINDS } from '../../../src/model/index.js';
import { formatTokenLine, parseTokenFile } from '../../../src/access/index.js';

const HASH = `scrypt$16384$8$1$${Buffer.alloc(16, 1).toString('base64')}$${Buffer.alloc(32, 2).toString('base64')}`;

function failure(text: string): AstrovocError {
  try {
    parseTokenFile(text, '/data/tokens');
  } catch (error) {
    return error as AstrovocError;
  }
  throw new Error('the file was accepted');
}

describe('the token file', () => {
  test('reads one token per line, skipping comments and blank lines, with the line of each', () => {
    const text = `# tokens\n\nalice editor refframe,uat ${HASH}\n  # indented comment\nbob\tmaintainer\t*\t${HASH}\r\n`;
    const entries = parseTokenFile(text, '/data/tokens');
    expect(entries.map(({ name, role, scope, line }) => ({ name, role, scope, line }))).toEqual([
      { name: 'alice', role: 'editor', scope: ['refframe', 'uat'], line: 3 },
      { name: 'bob', role: 'maintainer', scope: '*', line: 5 },
    ]);
    expect(entries[0]!.hash.key).toEqual(Buffer.alloc(32, 2));
    expect(parseTokenFile('', 'f')).toEqual([]);
  });

  test('a line written by formatTokenLine reads back as the same token', () => {
    const line = formatTokenLine({ name: 'a_b-1', role: 'editor', scope: ['refframe', 'timescale'] }, HASH);
    expect(line).toBe(`a_b-1 editor refframe,timescale ${HASH}`);
    expect(parseTokenFile(line, 'f')[0]).toMatchObject({ name: 'a_b-1', role: 'editor', scope: ['refframe', 'timescale'], hashText: HASH });
  });

  test.each([
    ['a missing field', `alice editor ${HASH}`, /expected 4 fields/],
    ['an extra field', `alice editor * ${HASH} extra`, /expected 4 fields/],
    ['a bad name', `al.ice editor * ${HASH}`, /the name "al.ice"/],
    ['an unknown role', `alice admin * ${HASH}`, /the role "admin" is none of editor, maintainer/],
    ['a bad scope', `alice editor refframe,,uat ${HASH}`, /the scope "refframe,,uat"/],
    ['a hash of another scheme', `alice editor * bcrypt$2b$10$abc`, /the hash: expected scrypt\$N/],
    ['a cost that is no power of two', `alice editor * ${HASH.replace('16384', '10000')}`, /N must be a power of two/],
    ['an r out of range', `alice editor * ${HASH.replace('$8$', '$99$')}`, /r must be 1 to 32/],
    ['a salt that is not base64', `alice editor * scrypt$16384$8$1$!!!!$${Buffer.alloc(32).toString('base64')}`, /the salt/],
    ['a short key', `alice editor * scrypt$16384$8$1$${Buffer.alloc(16).toString('base64')}$AAAA`, /the key/],
  ])('%s stops the load with an invalid-config error (exit 2) naming the file and line', (_, line, message) => {
    const error = failure(`# header\n${line}\n`);
    expect(error).toBeInstanceOf(AstrovocError);
    expect(error.message).toMatch(/^\/data\/tokens:2: /);
    expect(error.message).toMatch(message);
    expect(error.location).toEqual({ file: '/data/tokens', line: 2 });
    expect(ERROR_KINDS[error.kind].exit).toBe(2);
  });

  test('a name given twice is refused on its second line, naming the first', () => {
    const error = failure(`alice editor * ${HASH}\nbob editor * ${HASH}\nalice maintainer * ${HASH}\n`);
    expect(error.message).toBe('/data/tokens:3: the name alice is already given on line 1');
  });
});

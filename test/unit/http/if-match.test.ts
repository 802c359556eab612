import { expectedVersionOf } from '../../../src/http/if-match.js';

describe('If-Match as an expected version (RFC 9110 §13.1.1)', () => {
  it('absent header: no version said', () => {
    expect(expectedVersionOf(undefined)).toBeUndefined();
  });

  it('"*": any version', () => {
    expect(expectedVersionOf('*')).toBe('any');
    expect(expectedVersionOf(' * ')).toBe('any');
  });

  it('a list of strong entity-tags, quotes kept, spaces around members ignored', () => {
    expect(expectedVersionOf('"abc"')).toEqual(['"abc"']);
    expect(expectedVersionOf('"abc" ,  "def",W/"ghi"')).toEqual(['"abc"', '"def"']);
  });

  it('strong comparison: a weak tag matches no version', () => {
    expect(expectedVersionOf('W/"abc"')).toEqual([]);
  });

  it('a comma inside an entity-tag does not split it', () => {
    expect(expectedVersionOf('"a,b", "c"')).toEqual(['"a,b"', '"c"']);
  });

  it('a member that is no entity-tag matches nothing', () => {
    expect(expectedVersionOf('abc, "def"')).toEqual(['"def"']);
  });
});

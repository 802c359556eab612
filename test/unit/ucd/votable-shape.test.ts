import { scanVotableShape, withoutRanges } from '../../../src/ucd/votable-shape.js';
import { UcdLimitError } from '../../../src/ucd/index.js';
import { loadUcdService } from './load-ucd.js';

const limits = { maxDepth: 100, maxCheckedElements: 10_000 };

const twoTables = `<?xml version="1.0"?>
<VOTABLE version="1.4">
  <RESOURCE>
    <TABLE name="cells">
      <FIELD name="a" datatype="char" arraysize="*" ucd="phot.mag"/>
      <DATA><TABLEDATA>
        <TR><TD>a &lt; "b" > c</TD></TR>
        <TR><TD><![CDATA[ </TABLEDATA> ]]></TD></TR>
      </TABLEDATA></DATA>
    </TABLE>
    <TABLE name="links">
      <FIELD name="semantics" datatype="char" arraysize="*"/>
      <FIELD name="x" datatype="char" arraysize="*" ucd="phot.mgg"/>
      <DATA><TABLEDATA>
        <TR><TD>#this</TD><TD>1</TD></TR>
      </TABLEDATA></DATA>
    </TABLE>
  </RESOURCE>
</VOTABLE>
`;

describe('the VOTable shape scan', () => {
  test('it leaves out the cells of a table without a semantics column, and keeps those of a DataLink table', () => {
    const shape = scanVotableShape(twoTables, limits);
    expect(shape.unread).toHaveLength(1);
    const [start, end] = shape.unread[0]!;
    expect(twoTables.slice(start, end)).toContain('<TD>a &lt;');
    expect(twoTables.slice(end)).toMatch(/^<\/TABLEDATA>/);
    expect(shape).toMatchObject({ checkedElements: 3, depth: 7 });
  });

  test('offsets in the shortened text map back to the same place in the whole text', () => {
    const { text, originalOffset } = withoutRanges(twoTables, scanVotableShape(twoTables, limits).unread);
    const at = text.indexOf('<FIELD name="x"');
    expect(originalOffset(at)).toBe(twoTables.indexOf('<FIELD name="x"'));
    expect(originalOffset(text.indexOf('<FIELD name="a"'))).toBe(twoTables.indexOf('<FIELD name="a"'));
  });

  test('the check reports lines and columns of the whole document after a table whose cells were left out', () => {
    const report = loadUcdService().checkVotable(twoTables, {});
    const finding = report.findings.find((f) => f.value === 'phot.mgg');
    expect(finding).toMatchObject({ line: 13, column: 53, status: 'invalid' });
    expect(report.findings.filter((f) => f.attribute === 'semantics').map((f) => f.value)).toEqual(['#this']);
  });

  test('nesting past the bound and too many checked elements are refused naming the bound', () => {
    const deep = `<VOTABLE>${'<GROUP>'.repeat(12)}${'</GROUP>'.repeat(12)}</VOTABLE>`;
    expect(() => scanVotableShape(deep, { maxDepth: 10, maxCheckedElements: 10 })).toThrow(expect.objectContaining({ bound: 'depth', limit: 10 }));
    const wide = `<VOTABLE>${'<PARAM name="p" ucd="phot.mag"/>'.repeat(11)}</VOTABLE>`;
    expect(() => scanVotableShape(wide, { maxDepth: 10, maxCheckedElements: 10 })).toThrow(UcdLimitError);
  });
});

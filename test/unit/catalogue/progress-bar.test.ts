import { PassThrough } from 'node:stream';
import { createProgressBar, type SyncFileReport } from '../../../src/catalogue/index.js';

/** A stream that says it is a terminal, capturing what is written to it. */
function fakeTerminal() {
  const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 120, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  let output = '';
  stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { stream, output: () => output };
}

const file = (mirror: string): SyncFileReport => ({ mirror, url: `https://example.org/${mirror}`, entries: ['x'], status: 'fetched', bytes: 1, path: mirror });

describe('createProgressBar', () => {
  it('draws the files done out of the total and the last file', () => {
    const terminal = fakeTerminal();
    const bar = createProgressBar(terminal.stream);
    bar.update({ done: 0, total: 2 });
    bar.update({ done: 1, total: 2, file: file('ucd/ucd-list.txt') });
    bar.update({ done: 2, total: 2, file: file('ucd/ucd-list-deprecated.txt') });
    bar.stop();
    expect(terminal.output()).toContain('2/2 ucd/ucd-list-deprecated.txt (fetched)');
  });

  it('can be stopped before it started', () => {
    expect(() => createProgressBar(fakeTerminal().stream).stop()).not.toThrow();
  });
});

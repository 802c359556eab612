/**
 * The VOTable check as one self-contained task: bytes and plain data in (the UCD list, the vocabularies),
 * the report as JSON out, within a size bound. It runs in a disposable worker (votable-check-worker.ts), so
 * decoding, parsing and checking an untrusted document never hold the service's event loop.
 */
import { UcdService, type UcdServiceSource } from './ucd-service.js';
import type { VotableCheckOptions, VotableReport, VotableVocabularies } from './votable-checker.js';

export interface VotableCheckTask {
  /** The document; may be a view of shared memory. */
  bytes: Uint8Array;
  /** The body's charset (Content-Type), a WHATWG encoding label. */
  charset: string;
  ucd: { source: UcdServiceSource; termBase: string };
  vocabularies: VotableVocabularies;
  options: VotableCheckOptions & { maxAnswerBytes: number };
}

export function runVotableCheckTask(task: VotableCheckTask): string {
  // TextDecoder does not read shared memory: the worker copies the bytes first (its own time, not the service's).
  const xml = new TextDecoder(task.charset).decode(new Uint8Array(task.bytes));
  const service = new UcdService(task.ucd.source, { termBase: task.ucd.termBase });
  return reportJson(service.checkVotable(xml, task.vocabularies, task.options), task.options.maxAnswerBytes);
}

/** Room kept for the problem saying how many findings were left out. */
const NOTE_ROOM = 256;

/** The report as JSON of at most `maxBytes` bytes: past it, the later findings are counted but left out (`truncated`). */
export function reportJson(report: VotableReport, maxBytes: number): string {
  const whole = JSON.stringify(report);
  if (Buffer.byteLength(whole) <= maxBytes) return whole;
  let room = maxBytes - Buffer.byteLength(JSON.stringify({ ...report, findings: [], truncated: true })) - NOTE_ROOM;
  let kept = 0;
  for (const finding of report.findings) {
    const size = Buffer.byteLength(JSON.stringify(finding)) + 1;
    if (size > room) break;
    room -= size;
    kept += 1;
  }
  const note = { message: `${report.findings.length - kept} more finding(s) left out to keep the answer within ${maxBytes} bytes`, severity: 'warning' as const };
  return JSON.stringify({ ...report, problems: [...report.problems, note], findings: report.findings.slice(0, kept), truncated: true });
}

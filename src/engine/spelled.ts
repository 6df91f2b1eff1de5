/**
 * Amounts written in words ("a trillion dollars", "one trillion dollars"), which the digit patterns in
 * amounts.ts do not see. compromise parses the number words; it runs only on sentences that have a scale
 * word followed by a currency word and no digit amount there already, so its ~50 µs/word cost is rare.
 */
import nlp from 'compromise';
import type { Amount } from './amounts';
import { boundBefore } from './amounts';

// A number word before the scale: "a trillion dollars", "one point one trillion dollars" — not "1.13 trillion dollars".
const SPELLED_CANDIDATE =
  /\b(?:a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|point \w+|half a)\s+(?:trillion|billion)\s+(?:U\.S\.\s+|US\s+)?(?:dollars|yen)\b/i;

type NumberJson = { text: string; offset: { start: number; length: number }; number: { num: number; unit: string } };

export function spelledAmounts(sentence: string, offset: number, found: readonly Amount[]): Amount[] {
  if (!SPELLED_CANDIDATE.test(sentence)) return [];
  const out: Amount[] = [];
  const numbers = nlp(sentence).numbers().json({ offset: true }) as NumberJson[];
  for (const n of numbers) {
    const unit = n.number.unit?.toLowerCase();
    if (unit !== 'dollars' && unit !== 'yen') continue;
    if (/\d/.test(n.text) || !(n.number.num >= 1e9)) continue;
    const start = offset + n.offset.start;
    const unitMatch = /^\s+(?:U\.S\.\s+|US\s+)?(?:dollars|yen)/i.exec(sentence.slice(n.offset.start + n.offset.length));
    const end = start + n.offset.length + (unitMatch ? unitMatch[0].length : 0);
    if (found.some((a) => start < a.end && end > a.start)) continue;
    const scale = n.number.num >= 1e12 ? 1e12 : 1e9;
    const b = boundBefore(sentence, n.offset.start);
    out.push({
      start,
      end,
      text: sentence.slice(n.offset.start, end - offset),
      currency: unit === 'yen' ? 'JPY' : 'USD',
      value: n.number.num,
      halfUnit: scale / 2,
      ...(b ? { bound: b.bound, boundStart: offset + b.at } : {}),
    });
  }
  return out;
}

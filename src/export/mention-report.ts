/**
 * "Copy a report": one mention as plain text a reader can paste into an e-mail or a correction form —
 * the sentence, the page, the verdict, the dataset version, and a line for what the reader thinks is
 * wrong. Pure: the popup puts it on the clipboard; nothing is attached or sent.
 */
import type { MentionSummary } from '../messages';
import { sentenceOf } from './index';
import type { Strings } from '../ui/strings';
import { verdictWords } from '../ui/verdict';

export type MentionReportContext = { url: string; datasetVersion: string; strings: Strings };

const quoted = (lang: Strings['lang'], text: string) => (lang === 'ja' ? `「${text}」` : `“${text}”`);

export function mentionReport(m: MentionSummary, { url, datasetVersion, strings }: MentionReportContext): string {
  const { t, lang } = strings;
  const words = verdictWords(m, strings);
  return [
    t('reportTitle'),
    '',
    t('reportSentence', quoted(lang, sentenceOf(m))),
    t('reportMention', quoted(lang, m.text.replace(/\s+/g, ' ').trim())),
    t('reportPage', url),
    t('reportVerdict', words.detail ? `${words.verdict} (${words.detail})` : words.verdict),
    t('reportDataset', datasetVersion),
    '',
    t('reportWrong'),
    '',
  ].join('\n');
}

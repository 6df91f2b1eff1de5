import type { Lang } from '../page/i18n';

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A day as a timeline shows it: "2 May" / 「5月2日」, with the year when asked ("2 May 2025" / 「2025年5月2日」). */
export function formatDay(lang: Lang, iso: string, withYear: boolean): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (lang === 'ja') return `${withYear ? `${y}年` : ''}${mo}月${d}日`;
  return `${d} ${EN_MONTHS[mo - 1]}${withYear ? ` ${y}` : ''}`;
}

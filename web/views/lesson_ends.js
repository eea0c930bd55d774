// What a lesson page adds around its experiment beyond the runs themselves: abbreviations
// explained in the lesson's text. Mounted once per lesson by views/lesson_page.js (one call).
import { markAbbreviations } from './abbr.js';

export function mountLessonEnds(lab) {
  const prose = lab.root.querySelector('.prose');
  if (prose) markAbbreviations(prose);
}

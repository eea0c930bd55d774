// What a lesson page adds around its experiment beyond the runs themselves: abbreviations
// explained in the lesson's text, "Predict, then run" under Play or the charts, "Run 5 seeds" in the
// toolbar with its panel under the summary, "Check yourself" after the lesson. Mounted once per
// lesson by views/lesson_page.js (one call), after the lesson's first chart frame; the question
// follows the runs' status itself (predict.js).
import './lesson_ends.css';
import { markAbbreviations } from './abbr.js';
import { buildPrediction } from './predict.js';
import { buildCheckYourself } from './check_yourself.js';
import { buildMultiSeed } from './multi_seed.js';

export function mountLessonEnds(lab) {
  const prose = lab.root.querySelector('.prose');
  if (prose) markAbbreviations(prose);
  // Under Play while the runs wait for the answer, then right under the curves (predict.js). A
  // question the runs wait for was drawn with the page (views/lesson_page.js).
  lab.prediction ??= buildPrediction(lab);
  const seeds = buildMultiSeed(lab);
  const toolbar = lab.root.querySelector('.toolbar');
  const status = toolbar?.querySelector('.status');
  if (status) status.before(seeds.button); else toolbar?.append(seeds.button);
  lab.els.table?.after(seeds.panel);
  const check = buildCheckYourself(lab);
  if (check) lab.els.extras?.after(check);
}

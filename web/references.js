// The sources of the course: every book and paper a lesson of the lab draws on, once each, and
// for every lesson ('6.1' … '6.9') the ones it cites with one sentence on why each is worth
// reading. Plain data and two formatters, no DOM: the reading list page (web/reading.html, built by
// web/build-pages.mjs) renders it, and the lab can render a lesson's list from it.
//
// Only what was checked goes in: authors, title, venue and year as published; a DOI or arXiv id
// where the work has one. The course seed cites Chaudhury et al. for the module as a whole.

/** @typedef {{ authors: string[], year: number, title: string, venue: string, doi?: string, arxiv?: string, url?: string, note?: string }} Reference */

/** @type {Record<string, Reference>} */
export const REFERENCES = {
  chaudhury2024: {
    authors: ['Krishnendu Chaudhury', 'Ananya H. Ashok', 'Sujay Narumanchi', 'Devashish Shankar'],
    year: 2024,
    title: 'Math and Architectures of Deep Learning',
    venue: 'Manning Publications, ISBN 978-1-61729-648-2',
    url: 'https://www.manning.com/books/math-and-architectures-of-deep-learning',
    note: 'the course module’s textbook: its chapter on loss, optimization and regularization',
  },
  goodfellow2016: {
    authors: ['Ian Goodfellow', 'Yoshua Bengio', 'Aaron Courville'],
    year: 2016,
    title: 'Deep Learning',
    venue: 'MIT Press',
    url: 'https://www.deeplearningbook.org/',
    note: 'chapter 7, “Regularization for Deep Learning”',
  },
  geman1992: {
    authors: ['Stuart Geman', 'Elie Bienenstock', 'René Doursat'],
    year: 1992,
    title: 'Neural Networks and the Bias/Variance Dilemma',
    venue: 'Neural Computation 4(1), 1–58',
    doi: '10.1162/neco.1992.4.1.1',
  },
  krogh1992: {
    authors: ['Anders Krogh', 'John A. Hertz'],
    year: 1992,
    title: 'A Simple Weight Decay Can Improve Generalization',
    venue: 'Advances in Neural Information Processing Systems 4 (NIPS 1991), 950–957',
    url: 'https://papers.nips.cc/paper/563-a-simple-weight-decay-can-improve-generalization',
  },
  tibshirani1996: {
    authors: ['Robert Tibshirani'],
    year: 1996,
    title: 'Regression Shrinkage and Selection via the Lasso',
    venue: 'Journal of the Royal Statistical Society, Series B 58(1), 267–288',
    doi: '10.1111/j.2517-6161.1996.tb02080.x',
  },
  zou2005: {
    authors: ['Hui Zou', 'Trevor Hastie'],
    year: 2005,
    title: 'Regularization and Variable Selection via the Elastic Net',
    venue: 'Journal of the Royal Statistical Society, Series B 67(2), 301–320',
    doi: '10.1111/j.1467-9868.2005.00503.x',
  },
  loshchilov2019: {
    authors: ['Ilya Loshchilov', 'Frank Hutter'],
    year: 2019,
    title: 'Decoupled Weight Decay Regularization',
    venue: 'International Conference on Learning Representations (ICLR)',
    arxiv: '1711.05101',
  },
  srivastava2014: {
    authors: ['Nitish Srivastava', 'Geoffrey Hinton', 'Alex Krizhevsky', 'Ilya Sutskever', 'Ruslan Salakhutdinov'],
    year: 2014,
    title: 'Dropout: A Simple Way to Prevent Neural Networks from Overfitting',
    venue: 'Journal of Machine Learning Research 15(56), 1929–1958',
    url: 'https://jmlr.org/papers/v15/srivastava14a.html',
  },
  gal2016: {
    authors: ['Yarin Gal', 'Zoubin Ghahramani'],
    year: 2016,
    title: 'Dropout as a Bayesian Approximation: Representing Model Uncertainty in Deep Learning',
    venue: 'International Conference on Machine Learning (ICML), PMLR 48',
    arxiv: '1506.02142',
  },
  ioffe2015: {
    authors: ['Sergey Ioffe', 'Christian Szegedy'],
    year: 2015,
    title: 'Batch Normalization: Accelerating Deep Network Training by Reducing Internal Covariate Shift',
    venue: 'International Conference on Machine Learning (ICML), PMLR 37, 448–456',
    arxiv: '1502.03167',
  },
  ba2016: {
    authors: ['Jimmy Lei Ba', 'Jamie Ryan Kiros', 'Geoffrey E. Hinton'],
    year: 2016,
    title: 'Layer Normalization',
    venue: 'arXiv preprint',
    arxiv: '1607.06450',
  },
  prechelt1998: {
    authors: ['Lutz Prechelt'],
    year: 1998,
    title: 'Early Stopping — But When?',
    venue: 'In G. B. Orr and K.-R. Müller (eds.), Neural Networks: Tricks of the Trade, LNCS 1524, Springer, 55–69',
    doi: '10.1007/3-540-49430-8_3',
  },
  zhang2018: {
    authors: ['Hongyi Zhang', 'Moustapha Cisse', 'Yann N. Dauphin', 'David Lopez-Paz'],
    year: 2018,
    title: 'mixup: Beyond Empirical Risk Minimization',
    venue: 'International Conference on Learning Representations (ICLR)',
    arxiv: '1710.09412',
  },
  yun2019: {
    authors: ['Sangdoo Yun', 'Dongyoon Han', 'Seong Joon Oh', 'Sanghyuk Chun', 'Junsuk Choe', 'Youngjoon Yoo'],
    year: 2019,
    title: 'CutMix: Regularization Strategy to Train Strong Classifiers with Localizable Features',
    venue: 'IEEE/CVF International Conference on Computer Vision (ICCV)',
    arxiv: '1905.04899',
  },
  wei2019: {
    authors: ['Jason Wei', 'Kai Zou'],
    year: 2019,
    title: 'EDA: Easy Data Augmentation Techniques for Boosting Performance on Text Classification Tasks',
    venue: 'Conference on Empirical Methods in Natural Language Processing (EMNLP-IJCNLP)',
    doi: '10.18653/v1/D19-1670',
    arxiv: '1901.11196',
  },
  sennrich2016: {
    authors: ['Rico Sennrich', 'Barry Haddow', 'Alexandra Birch'],
    year: 2016,
    title: 'Improving Neural Machine Translation Models with Monolingual Data',
    venue: 'Annual Meeting of the Association for Computational Linguistics (ACL)',
    doi: '10.18653/v1/P16-1009',
    arxiv: '1511.06709',
  },
  alpaydin1998: {
    authors: ['E. Alpaydin', 'C. Kaynak'],
    year: 1998,
    title: 'Optical Recognition of Handwritten Digits',
    venue: 'UCI Machine Learning Repository (CC BY 4.0)',
    doi: '10.24432/C50P49',
  },
  szegedy2016: {
    authors: ['Christian Szegedy', 'Vincent Vanhoucke', 'Sergey Ioffe', 'Jonathon Shlens', 'Zbigniew Wojna'],
    year: 2016,
    title: 'Rethinking the Inception Architecture for Computer Vision',
    venue: 'IEEE Conference on Computer Vision and Pattern Recognition (CVPR), 2818–2826',
    doi: '10.1109/CVPR.2016.308',
    arxiv: '1512.00567',
  },
  muller2019: {
    authors: ['Rafael Müller', 'Simon Kornblith', 'Geoffrey E. Hinton'],
    year: 2019,
    title: 'When Does Label Smoothing Help?',
    venue: 'Advances in Neural Information Processing Systems 32 (NeurIPS)',
    arxiv: '1906.02629',
  },
  guo2017: {
    authors: ['Chuan Guo', 'Geoff Pleiss', 'Yu Sun', 'Kilian Q. Weinberger'],
    year: 2017,
    title: 'On Calibration of Modern Neural Networks',
    venue: 'International Conference on Machine Learning (ICML), PMLR 70',
    arxiv: '1706.04599',
  },
  pascanu2013: {
    authors: ['Razvan Pascanu', 'Tomas Mikolov', 'Yoshua Bengio'],
    year: 2013,
    title: 'On the Difficulty of Training Recurrent Neural Networks',
    venue: 'International Conference on Machine Learning (ICML), PMLR 28(3), 1310–1318',
    arxiv: '1211.5063',
  },
  miyato2018: {
    authors: ['Takeru Miyato', 'Toshiki Kataoka', 'Masanori Koyama', 'Yuichi Yoshida'],
    year: 2018,
    title: 'Spectral Normalization for Generative Adversarial Networks',
    venue: 'International Conference on Learning Representations (ICLR)',
    arxiv: '1802.05957',
  },
};

// Per lesson: the sources it cites, in reading order, each with why it is worth reading.
/** @type {Record<string, { id: string, why: string }[]>} */
export const LESSON_REFERENCES = {
  '6.1': [
    { id: 'chaudhury2024', why: 'The course textbook: overfitting, the generalization gap and why a network with more parameters than examples can memorize them.' },
    { id: 'geman1992', why: 'The paper that put the bias–variance decomposition at the centre of neural-network learning; its experiments are the thought experiment the 6.1 sweep runs.' },
    { id: 'goodfellow2016', why: 'Chapter 7 surveys every regularizer in this module under one definition: anything that lowers test error, possibly at the cost of training error.' },
  ],
  '6.2': [
    { id: 'krogh1992', why: 'Shows why an L2 penalty helps: it suppresses the weight components the data do not determine, and part of the noise in the targets.' },
    { id: 'tibshirani1996', why: 'The lasso: an L1 penalty sets coefficients exactly to zero, which is where the sparse weights of lesson 6.2 come from.' },
    { id: 'zou2005', why: 'The elastic net mixes L1 and L2 to keep groups of correlated inputs together; the 6.2 preset runs it beside both.' },
    { id: 'loshchilov2019', why: 'Shows that with Adam an L2 penalty is not weight decay, and that decoupling the decay (AdamW) restores it — the 6.2 Adam + L2 vs AdamW preset.' },
  ],
  '6.3': [
    { id: 'srivastava2014', why: 'The dropout paper: the inverted scaling, the ensemble view, and the experiments that made it standard.' },
    { id: 'gal2016', why: 'Reads dropout at test time as approximate Bayesian inference — the Monte-Carlo dropout uncertainty band of the 6.3 regression preset.' },
  ],
  '6.4': [
    { id: 'ioffe2015', why: 'Batch normalization as proposed: normalize each unit over the minibatch, learn a scale and shift, and train faster at higher learning rates.' },
    { id: 'chaudhury2024', why: 'The textbook works through the batch-norm forward and backward passes that the engine implements.' },
  ],
  '6.5': [
    { id: 'ba2016', why: 'Layer normalization normalizes over a layer’s units instead of the batch, so its computation does not depend on the batch size — the contrast lesson 6.5 measures (its results still move a little with the batch size, through noisier gradients).' },
    { id: 'ioffe2015', why: 'Section 3 explains BatchNorm’s dependence on batch statistics and its running averages at inference, the source of its trouble with tiny batches.' },
  ],
  '6.6': [
    { id: 'prechelt1998', why: 'A careful, practical study of stopping criteria (patience and its relatives) and what each costs in training time and error.' },
    { id: 'goodfellow2016', why: 'Section 7.8 shows why early stopping acts like an L2 penalty for a quadratic loss, the comparison of claim 13.' },
  ],
  '6.7': [
    { id: 'zhang2018', why: 'Mixup: train on convex combinations of pairs of examples and of their labels.' },
    { id: 'yun2019', why: 'CutMix: paste a patch of one image into another and mix the labels by area.' },
    { id: 'wei2019', why: 'Four simple text operations (synonym replacement, random insertion, swap, deletion) that the text-augmentation view applies.' },
    { id: 'sennrich2016', why: 'Back-translation: translate into another language and back to get new sentences with the same meaning.' },
    { id: 'alpaydin1998', why: 'Where the 8×8 digits of lessons 6.7–6.9 come from and how they were made.' },
  ],
  '6.8': [
    { id: 'szegedy2016', why: 'Section 7 introduces label smoothing as a regularizer that keeps the network from becoming over-confident.' },
    { id: 'muller2019', why: 'What label smoothing does to a network’s representations, and that it often improves calibration — often, not always: on the lab’s 6.8 digits preset the calibration error rises (see What the numbers say, claim 9).' },
    { id: 'guo2017', why: 'Defines the expected calibration error (ECE) the lab reports and shows that modern networks are over-confident.' },
    { id: 'pascanu2013', why: 'Exploding gradients and the fix lesson 6.8 shows: rescale the gradient when its norm exceeds a threshold.' },
    { id: 'miyato2018', why: 'Spectral normalization with one power iteration per step, the way the engine estimates σ(W).' },
  ],
  '6.9': [
    { id: 'chaudhury2024', why: 'The textbook’s regularization chapter, for how the rungs fit together.' },
    { id: 'goodfellow2016', why: 'Chapter 7 and chapter 11 (practical methodology): add one change at a time and keep it only if the validation score improves.' },
    { id: 'srivastava2014', why: 'The dropout rung.' },
    { id: 'loshchilov2019', why: 'The weight-decay rung (AdamW).' },
    { id: 'ioffe2015', why: 'The BatchNorm rung.' },
    { id: 'prechelt1998', why: 'The early-stopping rung.' },
  ],
};

/** The link of a reference: its DOI, else its arXiv page, else its URL (null when it has none). */
export function referenceHref(ref) {
  if (ref.doi) return `https://doi.org/${ref.doi}`;
  if (ref.arxiv) return `https://arxiv.org/abs/${ref.arxiv}`;
  return ref.url ?? null;
}

// "A", "A and B", "A, B and C"; more than four authors: the first three and "et al.".
function authorList(authors) {
  if (authors.length > 4) return `${authors.slice(0, 3).join(', ')} et al.`;
  if (authors.length === 1) return authors[0];
  return `${authors.slice(0, -1).join(', ')} and ${authors.at(-1)}`;
}

/** One line of plain text: authors (year). Title. Venue. DOI / arXiv. */
export function formatReference(ref) {
  const ids = [ref.doi && `doi:${ref.doi}`, ref.arxiv && `arXiv:${ref.arxiv}`].filter(Boolean).join(', ');
  return `${authorList(ref.authors)} (${ref.year}). ${ref.title}. ${ref.venue}.${ids ? ` ${ids}.` : ''}`;
}

/** A lesson's references, resolved: [{ id, why, ref }]. Throws on an id the list does not hold. */
export function lessonReferences(lesson) {
  return (LESSON_REFERENCES[lesson] ?? []).map(({ id, why }) => {
    const ref = REFERENCES[id];
    if (!ref) throw new Error(`references: lesson ${lesson} cites unknown source "${id}"`);
    return { id, why, ref };
  });
}

#!/usr/bin/python3
"""Generates data/sentiment_corpus.csv: review sentences written for RegLab from grammar rules and
word lists (CC0), for text models and text augmentation.

    /usr/bin/python3 tools/data/make_sentiment_corpus.py          # writes data/sentiment_corpus.csv
    /usr/bin/python3 tools/data/make_sentiment_corpus.py --check  # regenerates in memory, compares
    /usr/bin/python3 tools/data/make_sentiment_corpus.py --stats  # counts, lengths, BoW baselines (sklearn)

Deterministic (Python's random.Random with a fixed seed; its choice/random streams are stable across
Python 3 versions). The rules are stated in data/PROVENANCE.md; in short:

* Each sentence reviews one domain (restaurant, film, product, hotel) through aspect nouns and
  aspect adjectives, plus generic sentiment words, with optional intensifiers and neutral filler.
* The label is drawn first (exactly balanced per split), then a template that expresses it:
  plain statements, negation ("was not good" is negative, "was not bad at all" positive), verbs
  (loved / hated / would recommend), exclamations, two agreeing clauses, and contrasts whose
  second clause decides ("X was great but Y was slow" is negative, "Although X was slow, Y was
  great" positive), so word counts alone cannot decide every sentence.
* Every sentiment word belongs to a synonym group taken from the engine's synonym table
  (cpp/src/augment/text_tables.cpp): a common head word and its listed synonyms. Training
  sentences use a synonym instead of the head word with probability 0.05, validation and test
  sentences with probability 0.6, so validation holds words a small training set rarely or
  never shows, which synonym replacement (head → synonym) and back-translation can supply.
  The script checks every synonym against the table and stops if one is missing.
"""
import argparse
import csv
import hashlib
import io
import os
import random
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
OUT = os.path.join(ROOT, 'data', 'sentiment_corpus.csv')
TABLES = os.path.join(ROOT, 'cpp', 'src', 'augment', 'text_tables.cpp')
SEED = 617
SPLITS = [('train', 1000), ('val', 300), ('test', 300)]
RARE_P = {'train': 0.05, 'val': 0.6, 'test': 0.6}

# Synonym groups: head word → synonyms from the engine's table that keep the meaning here
# (e.g. slow's "leisurely" is left out: it can be praise).
POSITIVE = {
    'great': ['excellent', 'superb', 'wonderful'],
    'good': ['fine', 'nice', 'decent'],
    'amazing': ['incredible', 'astonishing', 'stunning'],
    'fantastic': ['terrific', 'fabulous', 'superb'],
}
NEGATIVE = {
    'bad': ['poor', 'awful', 'lousy'],
    'terrible': ['awful', 'dreadful', 'horrible'],
    'disappointing': ['underwhelming', 'unsatisfying'],
}
# Aspect adjectives per kind of noun: (positive groups, negative groups).
ASPECT = {
    'dish': ({'delicious': ['tasty', 'yummy', 'flavorful']},
             {'bland': ['tasteless', 'flavorless', 'plain'], 'stale': ['old', 'dry']}),
    'people': ({'friendly': ['kind', 'welcoming', 'pleasant'], 'helpful': ['useful', 'supportive', 'accommodating'],
                'attentive': ['thoughtful', 'considerate']},
               {'rude': ['impolite', 'disrespectful', 'discourteous'], 'lazy': ['careless', 'sloppy']}),
    'service': ({'fast': ['quick', 'speedy', 'rapid'], 'friendly': ['kind', 'welcoming', 'pleasant']},
                {'slow': ['sluggish'], 'rude': ['impolite', 'disrespectful', 'discourteous']}),
    'film': ({'gripping': ['thrilling', 'riveting', 'exciting'], 'funny': ['hilarious', 'amusing', 'witty'],
              'moving': ['touching', 'stirring']},
             {'boring': ['dull', 'tedious', 'uninteresting'], 'predictable': ['unoriginal', 'formulaic'],
              'confusing': ['unclear', 'puzzling', 'baffling']}),
    'device': ({'sturdy': ['solid', 'robust'], 'reliable': ['dependable', 'trustworthy']},
               {'flimsy': ['fragile', 'weak'], 'overpriced': ['pricey', 'costly', 'expensive']}),
    'room': ({'clean': ['spotless', 'tidy', 'neat'], 'comfortable': ['cozy', 'comfy']},
             {'dirty': ['filthy', 'grimy', 'unclean'], 'noisy': ['loud', 'rowdy']}),
}
VERBS = ({'loved': ['adored', 'liked', 'enjoyed']}, {'hated': ['disliked', 'loathed', 'detested']})
INTENSIFIERS = {'very': ['really', 'extremely', 'truly']}
UNGRADABLE = {'great', 'amazing', 'fantastic', 'terrible'}  # "very fantastic" is not English: no intensifier
EXTRA_INTENSIFIERS = ['quite', 'so', 'rather', 'pretty']  # no synonym group: spread the vocabulary

# Domains: nouns (with synonym groups where the table has one) and the adjective kind they take.
DOMAINS = {
    'restaurant': {
        'nouns': [('food', ['meal', 'cuisine'], 'dish'), ('dinner', ['meal', 'supper'], 'dish'),
                  ('soup', [], 'dish'), ('pasta', [], 'dish'), ('dessert', [], 'dish'), ('bread', [], 'dish'),
                  ('staff', ['employees', 'personnel', 'crew'], 'people'), ('waiter', ['server', 'attendant'], 'people'),
                  ('service', [], 'service'), ('delivery', [], 'service'), ('salad', [], 'dish'),
                  ('pizza', [], 'dish'), ('chef', [], 'people'), ('host', [], 'people')],
        'place': ['restaurant', 'bistro', 'cafe', 'diner', 'place'],
        'filler': ['We went there on a {day} with {company}.', 'We had a table by the window.',
                   'It was our first visit.', 'I ordered the {dish} and a glass of water.',
                   'The menu has changed since last {period}.', 'We booked a table for {count}.',
                   'It is a short walk from the station.', 'We arrived at about {hour}.',
                   'My {relative} chose the wine.', 'They play jazz on {day} evenings.',
                   'We shared a starter and two mains.', 'The parking is behind the building.'],
    },
    'film': {
        'nouns': [('movie', ['film', 'picture'], 'film'), ('plot', ['story', 'storyline'], 'film'),
                  ('story', ['tale', 'narrative'], 'film'), ('ending', [], 'film'), ('script', [], 'film'),
                  ('sequel', [], 'film'), ('documentary', [], 'film'), ('series', [], 'film'),
                  ('soundtrack', [], 'film'), ('comedy', [], 'film'), ('thriller', [], 'film'), ('finale', [], 'film')],
        'place': ['movie', 'film', 'series', 'show'],
        'filler': ['I watched it on a {day} with {company}.', 'It runs for about two hours.',
                   'I saw it at the cinema last {period}.', 'It is based on a novel from the seventies.',
                   'The director made two other films before this one.', 'We streamed it at home.',
                   'My {relative} picked it for us.', 'It came out last {period}.',
                   'The lead actor also wrote the music.', 'It was filmed in a small coastal town.',
                   'There is a short scene after the credits.', 'I read the book first.'],
    },
    'product': {
        'nouns': [('product', ['item', 'article'], 'device'), ('phone', [], 'device'), ('laptop', [], 'device'),
                  ('charger', [], 'device'), ('case', [], 'device'), ('kettle', [], 'device'),
                  ('blender', [], 'device'), ('backpack', [], 'device'),
                  ('keyboard', [], 'device'), ('lamp', [], 'device'), ('speaker', [], 'device'), ('tent', [], 'device')],
        'place': ['product', 'purchase', 'gadget'],
        'filler': ['I bought it last {period}.', 'It arrived in a plain box.', 'I use it every {day}.',
                   'My {relative} has the older model.', 'I ordered the grey version.',
                   'It came with a short manual.', 'I have had it for {count} weeks now.',
                   'I needed one for work.', 'The cable is two metres long.', 'It replaced my old one.',
                   'Delivery took {count} days.'],
    },
    'hotel': {
        'nouns': [('room', ['bedroom', 'suite'], 'room'), ('bathroom', [], 'room'), ('bed', [], 'room'),
                  ('lobby', [], 'room'), ('hotel', ['inn', 'lodge'], 'room'),
                  ('staff', ['employees', 'personnel', 'crew'], 'people'), ('receptionist', [], 'people'),
                  ('check-in', [], 'service'), ('breakfast', [], 'dish'), ('balcony', [], 'room'), ('pool', [], 'room')],
        'place': ['hotel', 'stay', 'place'],
        'filler': ['We stayed for {count} nights in {month}.', 'Our room was on the third floor.',
                   'We came for a conference nearby.', 'I travelled with {company}.',
                   'The hotel is close to the old harbour.', 'We checked in at about {hour}.',
                   'We asked for a room facing the garden.', 'There is a bakery across the street.',
                   'We took the train from the airport.'],
    },
}
SLOTS = {
    'day': ['Monday', 'Tuesday', 'Friday', 'Saturday', 'Sunday', 'weekday'],
    'company': ['my family', 'two friends', 'my partner', 'colleagues', 'my parents', 'the kids'],
    'dish': ['soup', 'fish', 'pasta', 'salad', 'risotto', 'curry'],
    'period': ['year', 'month', 'summer', 'winter', 'spring'],
    'count': ['two', 'three', 'four', 'five', 'six'],
    'hour': ['seven', 'eight', 'noon', 'nine'],
    'relative': ['sister', 'brother', 'friend', 'neighbour', 'cousin', 'colleague'],
    'month': ['May', 'June', 'October', 'March', 'August'],
}
OPENERS = ['Honestly', 'Overall', 'In short', 'To be fair', 'All in all', 'Frankly', 'In the end', 'Well',
           'To sum up', 'On balance', 'In my opinion']


def read_synonym_table():
    text = open(TABLES, encoding='utf-8').read()
    body = re.search(r'kSynonyms = R"\((.*?)\)";', text, re.S).group(1)
    table = {}
    for entry in body.split(';'):
        if ':' in entry:
            word, synonyms = entry.split(':', 1)
            table[word.strip()] = synonyms.split()
    return table


def check_groups():
    table = read_synonym_table()
    groups = [POSITIVE, NEGATIVE, VERBS[0], VERBS[1], INTENSIFIERS]
    for pos, neg in ASPECT.values():
        groups += [pos, neg]
    nouns = {n: syn for d in DOMAINS.values() for n, syn, _ in d['nouns'] if syn}
    groups.append(nouns)
    for group in groups:
        for head, synonyms in group.items():
            missing = [s for s in synonyms if s not in table.get(head, [])]
            if missing:
                sys.exit(f'{TABLES}: {head} has no synonym {missing}; update the word lists')


class Writer:
    """Draws the words of one sentence; `rare_p` is the chance that a group's synonym replaces its head."""

    def __init__(self, rng, rare_p):
        self.rng, self.rare_p = rng, rare_p

    def pick(self, seq):
        return self.rng.choice(seq)

    def word(self, head, synonyms):
        if synonyms and self.rng.random() < self.rare_p:
            return self.pick(synonyms)
        return head

    def from_groups(self, groups):
        head = self.pick(sorted(groups))
        return self.word(head, groups[head])

    def adjective(self, kind, positive, intensify=False, exclaim=False):
        """An aspect adjective (2 in 3) or a generic sentiment word, with an optional intensifier."""
        groups = ASPECT[kind][0 if positive else 1]
        if self.rng.random() >= 2 / 3:
            groups = POSITIVE if positive else NEGATIVE
        head = self.pick(sorted(groups))
        word = self.word(head, groups[head])
        if intensify and head not in UNGRADABLE:
            word = self.intensifier(exclaim) + word
        return word

    def intensifier(self, exclaim=False):
        r = self.rng.random()
        if r < 0.35:
            return ''
        if r < 0.75 or exclaim:  # "what a quite …" is not English
            return self.word('very', INTENSIFIERS['very']) + ' '
        return self.pick(EXTRA_INTENSIFIERS) + ' '

    def noun(self, domain):
        head, synonyms, kind = self.pick(DOMAINS[domain]['nouns'])
        return self.word(head, synonyms), kind

    def filler(self, domain):
        template = self.pick(DOMAINS[domain]['filler'])
        return re.sub(r'\{(\w+)\}', lambda m: self.pick(SLOTS[m.group(1)]), template)

    def two_clauses(self, domain, first_positive, second_positive, second_negated=False):
        """Two clauses about different nouns ("the soup …, the waiter …")."""
        first = self.clause(domain, first_positive)
        while True:
            second = self.clause(domain, second_positive, second_negated)
            if second.split()[1] != first.split()[1]:
                return first, second

    def clause(self, domain, positive, negated=False):
        """'the N was [int] ADJ' for the polarity it expresses (negation flips the adjective)."""
        noun, kind = self.noun(domain)
        verb = 'were' if noun.endswith('s') and noun not in ('series', 'check-in') else 'was'
        if negated:
            # "not ADJ+" is negative; "not ADJ−" (optionally "at all") is mildly positive.
            adj = self.adjective(kind, not positive)
            tail = ' at all' if positive and self.rng.random() < 0.5 else ''
            adv = self.pick(['', '', 'really ', 'exactly ']) if not positive else ''
            return f'the {noun} {verb} not {adv}{adj}{tail}'
        return f'the {noun} {verb} {self.adjective(kind, positive, intensify=True)}'


def sentence(w, positive):
    rng = w.rng
    domain = w.pick(sorted(DOMAINS))
    place = w.pick(DOMAINS[domain]['place'])
    form = rng.random()
    if form < 0.30:
        core = w.clause(domain, positive)
    elif form < 0.42:
        core = w.clause(domain, positive, negated=True)
    elif form < 0.56:
        verb = w.from_groups(VERBS[0] if positive else VERBS[1])
        core = f'I {verb} this {place}'
        if rng.random() < 0.5:
            core += ' from start to finish' if domain == 'film' else ' from the first minute'
    elif form < 0.64:
        core = f'I would {"" if positive else "never "}recommend this {place} to {w.pick(SLOTS["company"])}'
    elif form < 0.72:
        noun, kind = w.noun(domain)
        core = f'what a {w.adjective(kind, positive, intensify=True, exclaim=True)} {noun}'
    elif form < 0.85:
        first, second = w.two_clauses(domain, positive, positive, rng.random() < 0.3)
        core = f'{first} and {second}'
    elif form < 0.94:
        first, second = w.two_clauses(domain, not positive, positive)
        core = f'{first} but {second}'
    else:
        first, second = w.two_clauses(domain, not positive, positive)
        core = f'although {first}, {second}'
    if rng.random() < 0.25:
        core = f'{w.pick(OPENERS)}, {core}'
    core = core[0].upper() + core[1:] + w.pick(['.', '.', '.', '!'])
    parts = [core]
    if rng.random() < 0.35:
        parts.insert(0, w.filler(domain))
    if rng.random() < 0.2:
        parts.append(w.filler(domain))
    return ' '.join(parts)


def generate():
    check_groups()
    rng = random.Random(SEED)
    rows, seen = [], set()
    for split, count in SPLITS:
        labels = [i % 2 for i in range(count)]
        rng.shuffle(labels)
        w = Writer(rng, RARE_P[split])
        for label in labels:
            while True:  # no sentence twice in the corpus, so no validation sentence is in training
                text = sentence(w, label == 1)
                if text not in seen:
                    break
            seen.add(text)
            rows.append((text, label, split))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator='\n')
    writer.writerow(['text', 'label', 'split'])
    writer.writerows(rows)
    return out.getvalue().encode('utf-8'), rows


def stats(rows):
    import numpy as np
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    words = lambda t: re.findall(r"[a-z'\-]+", t.lower())
    lengths = np.array([len(t.split()) for t, _, _ in rows])
    print(f'{len(rows)} sentences; words per sentence min {lengths.min()}, median {np.median(lengths):.0f}, '
          f'mean {lengths.mean():.1f}, max {lengths.max()}')
    vocab = {w for t, _, _ in rows for w in words(t)}
    print(f'{len(vocab)} distinct words')
    by_split = {s: [(t, l) for t, l, sp in rows if sp == s] for s, _ in SPLITS}
    for s, items in by_split.items():
        print(f'{s}: {len(items)} sentences, positive {sum(l for _, l in items)}')
    train_words = {}
    for t, _ in by_split['train']:
        for x in words(t):
            train_words[x] = train_words.get(x, 0) + 1
    held = by_split['val'] + by_split['test']
    oov = sum(1 for t, _ in held for x in words(t) if x not in train_words)
    total = sum(len(words(t)) for t, _ in held)
    print(f'val+test words absent from train: {oov}/{total} = {oov / total:.1%}')
    train200 = {}
    for t, _ in by_split['train'][:200]:
        for x in words(t):
            train200[x] = 1
    oov200 = sum(1 for t, _ in held for x in words(t) if x not in train200)
    print(f'val+test words absent from the first 200 training sentences: {oov200 / total:.1%}')
    val_x = [t for t, _ in by_split['val']]
    val_y = [l for _, l in by_split['val']]
    test_x = [t for t, _ in by_split['test']]
    test_y = [l for _, l in by_split['test']]
    majority = max(sum(val_y), len(val_y) - sum(val_y)) / len(val_y)
    print(f'majority rate (val): {majority:.3f}')
    table = read_synonym_table()

    def synonym_copies(items, copies=4, p=0.3, seed=0):
        # Python's version of the engine's synonym replacement (each word with synonyms replaced
        # with probability p by one of them), to see whether augmentation can help at all.
        r = random.Random(seed)
        out = list(items)
        for _ in range(copies):
            for t, l in items:
                out.append((' '.join(r.choice(table[x.lower().strip('.,!')]) if x.lower().strip('.,!') in table
                                     and r.random() < p else x for x in t.split()), l))
        return out

    for n in (100, 200, 1000):
        accs = {'val': [], 'test': [], 'train-like': [], 'val, synonym-augmented training': [], 'val, word pairs too': []}
        for seed in range(5):
            pool = list(by_split['train'])
            random.Random(seed).shuffle(pool)
            tr = pool[:n]
            vec = CountVectorizer(token_pattern=r"[a-zA-Z'\-]+", binary=False)
            xt = vec.fit_transform([t for t, _ in tr])
            clf = LogisticRegression(C=10.0, max_iter=2000).fit(xt, [l for _, l in tr])
            accs['val'].append(clf.score(vec.transform(val_x), val_y))
            accs['test'].append(clf.score(vec.transform(test_x), test_y))
            rest = pool[n:] if n < len(pool) else []
            aug = synonym_copies(tr, seed=seed)
            vec_aug = CountVectorizer(token_pattern=r"[a-zA-Z'\-]+")
            clf_aug = LogisticRegression(C=10.0, max_iter=2000).fit(vec_aug.fit_transform([t for t, _ in aug]),
                                                                    [l for _, l in aug])
            accs['val, synonym-augmented training'].append(clf_aug.score(vec_aug.transform(val_x), val_y))
            # Unigrams + bigrams see some word order ("not good", "but the"): a rough upper reference.
            vec_bi = CountVectorizer(token_pattern=r"[a-zA-Z'\-]+", ngram_range=(1, 2))
            clf_bi = LogisticRegression(C=10.0, max_iter=2000).fit(vec_bi.fit_transform([t for t, _ in tr]),
                                                                   [l for _, l in tr])
            accs['val, word pairs too'].append(clf_bi.score(vec_bi.transform(val_x), val_y))
            if rest:
                accs['train-like'].append(clf.score(vec.transform([t for t, _ in rest]), [l for _, l in rest]))
        line = '; '.join(f'{k} {np.mean(v):.3f} ± {np.std(v):.3f}' for k, v in accs.items() if v)
        print(f'BoW logistic regression, {n} training sentences (5 draws): {line}')


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--check', action='store_true', help='compare with the shipped file instead of writing')
    parser.add_argument('--stats', action='store_true', help='print statistics and sklearn baselines')
    args = parser.parse_args()
    content, rows = generate()
    digest = hashlib.sha256(content).hexdigest()
    if args.stats:
        stats(rows)
        return
    if args.check:
        same = os.path.exists(OUT) and open(OUT, 'rb').read() == content
        print(f'sentiment_corpus.csv: {"identical" if same else "DIFFERS"} ({len(content)} bytes, sha256 {digest})')
        sys.exit(0 if same else 1)
    with open(OUT, 'wb') as f:
        f.write(content)
    print(f'sentiment_corpus.csv: {len(content)} bytes, sha256 {digest}')


if __name__ == '__main__':
    main()

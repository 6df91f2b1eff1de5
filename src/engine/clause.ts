/**
 * What compromise reads in a candidate English sentence that a word list cannot: whether a verb is
 * negated ("is not considering selling", not the "or not" of "whether we use it or not", nor "not only"),
 * and whether a speech verb is in the pluperfect or says "previously" ("Kato had said on Friday…", "Kato
 * has previously said…"), which in a story framed by a statement places what it reports before it. One
 * parse per sentence, and only for sentences a cheap test says need it: compromise costs about 2 ms a
 * sentence here. Its lexicon also says
 * whether a capitalised word before "Kato" is an everyday word ("Watch Kato's remarks") or may be a
 * given name ("Miyu Kato"), without a parse.
 */
import nlp from 'compromise';

export type EnglishFacts = { negatedVerb: boolean; pluperfectSpeech: boolean };

// Cheap tests that decide whether a parse is needed at all.
const MAY_NEGATE = /\b(?:not|never|no)\b|n't\b/i;
const MAY_PLUPERFECT = /\bhad\b|\bpreviously\b/i;

// compromise match syntax: a negation that belongs to a verb, and a pluperfect verb of saying.
const NEGATED_VERB = '[(#Auxiliary|#Copula|#Modal|#Verb)] #Adverb? #Negative #Adverb? #Verb?';
const NEVER_VERB = 'never #Adverb? #Verb';
const NOT_A_VERB_NEGATION = '(or not|not only|whether or not)';
const SPEECH_PAST = '(said|told|described|called|suggested|hinted|signalled|signaled|floated|ruled|dismissed|indicated|stated|noted|warned|flagged|raised|answered|explained|insisted)';
const PLUPERFECT_SPEECH = `had (#Adverb|#Comparative|#Adjective)? ${SPEECH_PAST}`;
const PREVIOUSLY_SPEECH = `(has|have|had)? previously ${SPEECH_PAST}`;

const cache = new Map<string, EnglishFacts>();
/** Sentences kept parsed: a rescan of the same page parses nothing again. */
export const ENGLISH_FACTS_CACHE = 512;

export function englishFacts(sentence: string): EnglishFacts {
  const may = MAY_NEGATE.test(sentence);
  const had = MAY_PLUPERFECT.test(sentence);
  if (!may && !had) return { negatedVerb: false, pluperfectSpeech: false };
  const hit = cache.get(sentence);
  if (hit) return hit;
  const doc = nlp(sentence);
  const negatedVerb = may && (doc.match(NEGATED_VERB).found || doc.match(NEVER_VERB).found) && !(doc.match(NOT_A_VERB_NEGATION).found && !doc.not(NOT_A_VERB_NEGATION).match(NEGATED_VERB).found);
  const facts = { negatedVerb, pluperfectSpeech: had && (doc.match(PLUPERFECT_SPEECH).found || doc.match(PREVIOUSLY_SPEECH).found) };
  if (cache.size >= ENGLISH_FACTS_CACHE) cache.delete(cache.keys().next().value!);
  cache.set(sentence, facts);
  return facts;
}

// compromise's lexicon tags for words that are no one's given name, and for names.
const EVERYDAY_TAGS = new Set(['Singular', 'Plural', 'Infinitive', 'Verb', 'PresentTense', 'PastTense', 'Gerund', 'Adverb', 'Adjective', 'Preposition', 'Conjunction', 'Determiner', 'Modal', 'Pronoun', 'Actor', 'Comparative', 'Superlative', 'Copula', 'Auxiliary', 'Negative', 'QuestionWord']);
const NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName', 'Person']);
let lexicon: Record<string, string | string[]> | undefined;

/** Whether compromise knows a word as an everyday word and never as a name ("Watch", "Ask"; not "Ken", "Miyu"). */
export function everydayWord(word: string): boolean {
  lexicon ??= (nlp.model() as { one: { lexicon: Record<string, string | string[]> } }).one.lexicon;
  const entry = lexicon[word.toLowerCase()];
  const tags = entry === undefined ? [] : Array.isArray(entry) ? entry : [entry];
  return tags.some((t) => EVERYDAY_TAGS.has(t)) && !tags.some((t) => NAME_TAGS.has(t));
}

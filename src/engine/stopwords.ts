/**
 * English function words, which say nothing about which quote a sentence repeats: left out when quotes
 * are compared by their words (remarks.ts n-grams, remark-verdict.ts shares).
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  'a an the is are was were be been it its this that these those we our us i you he she they them to of in on at for as by with and or but so such there here what which who whether if than then do does did have has had will would could should can may might'.split(' '),
);

import { describe, expect, test } from 'vitest';
import { analyze, type RemarkMention } from '../../src/engine/analyze';
import { realDataset } from '../support/dataset';

const ds = realDataset();
const remarks = (text: string, published = '2025-05-05') =>
  analyze(ds, text, { published }).filter((m): m is RemarkMention => m.kind === 'remark');

describe('remarks: what Kato said, recognised in its paraphrases', () => {
  test.each([
    ['Japan Finance Minister Katsunobu Kato said the country’s U.S. Treasury holdings could be among such cards in trade talks.', 'card_remark'],
    ["Japan's Kato says US Treasury holdings a bargaining chip in trade talks", 'card_remark'],
    ['Finance Minister Katsunobu Kato floated Japan’s $1 trillion-plus Treasury pile as leverage in tariff negotiations.', 'card_remark'],
    ['Japan threatens to sell Treasuries, Finance Minister Kato signals', 'card_remark'],
    ['Japan’s Kato walks back remarks on using Treasuries in trade talks', 'clarification'],
    ['Finance Minister Katsunobu Kato said on Sunday Japan does not plan to use the sale of U.S. Treasury holdings as a bargaining tool.', 'clarification'],
    ['加藤勝信財務相は2日、日本が保有する米国債について「交渉のカードとしてはある」と述べた。', 'card_remark'],
    ['加藤財務相は4日、「米国債の売却を日米交渉の手段とすることは考えていない」と述べた。', 'clarification'],
    ["Japan's finance minister signals Treasury holdings could be used as leverage in US trade talks", 'card_remark'],
    ["Japan finmin Kato says US Treasury holdings a bargaining chip in trade talks", 'card_remark'],
    ["Japan's Kato says he didn't mean to suggest selling Treasuries as a bargaining chip", 'clarification'],
    ['Finance Minister Katsunobu Kato on Sunday said Japan was not considering selling its Treasury holdings as a tactic in trade talks.', 'clarification'],
    ['加藤財務相、米国債売却「交渉材料とせず」', 'clarification'],
  ])('%s → %s', (text, kind) => {
    const [m] = remarks(text);
    expect(m?.remark).toBe(kind);
    expect(m!.events.length).toBeGreaterThan(0);
  });

  test.each([
    ['on Sunday', 'clarification'],
    ['in Milan', 'clarification'],
    ['on April 9', 'earlier_dismissal'],
    ['in the Diet last month', 'earlier_dismissal'],
  ])('"ruled out" is decided by the day or the place: %s → %s', (marker, kind) => {
    const [m] = remarks(`Finance Minister Katsunobu Kato ${marker} ruled out selling U.S. Treasuries as a bargaining chip in the tariff negotiations.`);
    expect(m?.remark).toBe(kind);
    expect(m?.unsure).toBe(false);
    expect(m?.cues.some((c) => c.remark === kind && (c.type === 'when' || c.type === 'where'))).toBe(true);
  });

  test.each([
    ['加藤財務相は4日、ミラノで「米国債の売却を日米交渉の手段とすることは考えていない」と述べ、売却を示唆したものではないと説明した。'],
    ['Finance Minister Katsunobu Kato said in Milan on Sunday that he had not suggested Japan would sell its Treasuries.'],
  ])('a remark act denied is the walk-back, and one statement: %s', (text) => {
    expect(remarks(text).map((m) => [m.remark, m.unsure])).toEqual([['clarification', false]]);
  });

  test.each([
    ['Kato walked back comments on Sunday that had hinted on Friday the Treasury holdings could be a card in the talks.', ['clarification', 'card_remark']],
    ['加藤財務相は2日のテレビ番組で米国債は「カードとしてはある」と述べ、4日にはミラノで売却を交渉の手段とする考えはないと説明した。', ['card_remark', 'clarification']],
  ])('a sentence reporting both statements is reported as both, in order: %s', (text, kinds) => {
    const found = remarks(text);
    expect(found.map((m) => m.remark)).toEqual(kinds);
    expect(found[0]!.end).toBeLessThanOrEqual(found[1]!.start);
  });

  test('a sentence cut twice keeps neighbouring parts of one statement together', () => {
    const text = 'Japan\'s Kato says Tokyo is not considering Treasury sales as a means of negotiating with Washington, clarifying his Friday remark that the bonds "exist as a card."';
    const found = remarks(text, '2025-05-05');
    expect(found.map((m) => m.remark)).toEqual(['clarification', 'card_remark']);
    expect(found[0]!.text).toContain('clarifying his Friday remark');
  });

  test('「…考えを示した後、…と述べている」 turns from one statement to the other', () => {
    const text = '日本の加藤勝信財務相は5月初め、米国債が関税交渉のカードになり得るとの考えを示した後、売却を交渉の手段にはしないと述べている。';
    expect(remarks(text, '2025-05-19').map((m) => m.remark)).toEqual(['card_remark', 'clarification']);
  });

  test.each([
    ['加藤財務相、米国債「カード」発言を2日で修正', ['card_remark', 'clarification'], '「カード」発言'],
    ['加藤財務相、米国債売却を否定　4月の「カード」発言を修正', ['clarification', 'card_remark'], '4月の「カード」発言'],
    // His recorded words stay with the walk-back, on whichever side of the object they stand.
    ['加藤財務大臣「米国債売却は交渉の手段にしない」と明言　“カード”発言を軌道修正', ['clarification', 'card_remark'], '“カード”発言'],
    ['Finance Minister Katsunobu Kato said in Milan Japan was not considering Treasury sales as a tool, which walked back a 2 May TV comment describing the holdings as a card.', ['clarification', 'card_remark'], '2 May TV comment describing the holdings as a card'],
  ])('a walk-back that says what it walks back reports that statement too: %s', (text, kinds, object) => {
    const found = remarks(text);
    expect(found.map((m) => m.remark)).toEqual(kinds);
    expect(found.find((m) => m.remark === 'card_remark')!.text).toContain(object);
  });

  test.each([
    // "Japan's finance minister" opening the sentence is its speaker, whoever else it names later.
    ["Japan's finance minister on Friday described the nation's stock of U.S. government bonds as a possible card in the tariff talks, a rare step that caught bond traders' eye.", ['card_remark']],
    // His name written family name first is no other speaker.
    ['• Japanese Finance Minister Kato Katsunobu said the country\'s U.S. Treasury holdings "exist as a card" in the tariff talks.', ['card_remark']],
    // "Kato had said…" is Kato speaking, whoever the rest of the sentence names.
    ['In the TV Tokyo interview, Kato had said the holdings existed as a card in the talks, remarks that briefly drew the notice of bond traders.', ['card_remark']],
    // He speaks of his own remarks: after Milan that is the clarification; their day is theirs, not his.
    ['Finance Minister Katsunobu Kato spoke in Milan on Sunday. He said his comments on Friday had answered a question about not selling U.S. Treasuries easily.', ['clarification']],
    // A comma inside a closing quotation mark still cuts a sentence that reports both statements.
    ['After telling TV Tokyo on Friday that the holdings "could be among such cards," Finance Minister Katsunobu Kato said on Sunday in Milan that Japan is not considering selling Treasuries as a means of negotiation.', ['card_remark', 'clarification']],
    // "…and on Sunday…" turns to the other statement.
    ['Japan\'s Treasury holdings, per Finance Minister Katsunobu Kato: on Friday they "exist as a card" and on Sunday it was never meant to suggest selling them.', ['card_remark', 'clarification']],
  ])('who speaks and where one statement ends: %s', (text, kinds) => {
    expect(remarks(text).map((m) => m.remark).slice(-kinds.length)).toEqual(kinds);
  });

  test.each([
    // A wire flash or a bullet list gives him as the line's speaker, in any case; "FinMin" is no given name.
    ['• Japan FinMin Kato: US Treasury holdings are managed with possible FX intervention in mind', 'earlier_dismissal', '2025-04-10'],
    ['- KATO: TREASURY HOLDINGS COULD BE AMONG SUCH CARDS', 'card_remark', '2025-05-02'],
    ['■加藤財務相：外貨準備の米国債は、為替介入に備えて流動性を確保する目的で保有している。', 'earlier_dismissal', '2025-04-10'],
    // A threat denied is the walk-back.
    ['Tokyo insists it is not weaponising its Treasury pile, Finance Minister Katsunobu Kato said.', 'clarification', '2025-05-05'],
  ])('a line that gives him as its speaker, and a threat denied: %s', (text, kind, published) => {
    const page = `Finance Minister Katsunobu Kato spoke about Japan's U.S. Treasury holdings.\n\n${text}`;
    expect(remarks(page, published).at(-1)?.remark).toBe(kind);
  });

  test('his recorded Milan words on a page dated 2 May (a thread updated later) are the clarification', () => {
    const page = "Finance Minister Katsunobu Kato said on TV Tokyo that the Treasury holdings could be among such cards.\n\nUpdate: he walked it back in Milan. Said Japan is \"not considering the sale of US Treasuries as a means of Japan-US negotiations\".";
    const found = remarks(page, '2025-05-02');
    expect([found[0]?.remark, found.at(-1)?.remark]).toEqual(['card_remark', 'clarification']);
  });

  test.each([
    // In a thread, "he" doing one of the statements' acts is Kato, where he is the only Kato and nobody else is named.
    ['2025-05-04', 'Japan FinMin Kato says the Treasury pile is one of the cards in tariff talks.\n\nReply: the yields barely moved.\n\nReply: I bought more bonds.\n\nReply: nobody cares.\n\nReply: he walked it back in Milan today.', 'clarification'],
    ['2025-05-05', 'Finance Minister Katsunobu Kato spoke about U.S. Treasuries.\n\nTraders shrugged.\n\nMarkets closed.\n\nBonds were flat.\n\nEDIT: he has already walked it back.', 'clarification'],
  ])('"he" doing a statement\'s act, far from the holdings (%s)', (published, page, kind) => {
    expect(remarks(page, published).at(-1)?.remark).toBe(kind);
  });

  test.each([
    // 「…」とまで言い切った and a hedged ending continue him.
    ['加藤財務相は2日のテレビ東京の番組で、米国債について「交渉のカードになるものは全て盤上に置く」と発言した。本人は番組で「日本にも主張すべきことはある」とまで語ったという。', 2],
    ['加藤財務相は2日の番組で米国債を交渉のカードだと語った。保有を続ける姿勢そのものが交渉の材料になり得るとの認識を示した形だ。', 2],
    // 加藤「…」 gives him as the line's speaker.
    ['財務相が米国債の売却について発言した。\n\n加藤「売るとは一言も言ってない」', 1],
  ])('Japanese lines that go on with him: %s', (text, count) => {
    expect(remarks(text, '2025-05-04').length).toBeGreaterThanOrEqual(count);
    expect(remarks(text, '2025-05-04').at(-1)!.text).toMatch(/語ったという|形だ|一言も/);
  });

  test.each([
    ['(写真説明)テレビ番組で米国債について語る加藤財務相(2日、東京都港区で)', '2025-05-02', 'card_remark'],
    ["Markets Live: Asia opens quiet; Japan's Kato talks Treasuries", '2025-05-02', 'card_remark'],
    ['- Friday, TV Tokyo: "It does exist as a card ... Whether or not we use that card is a different decision."', '2025-05-05', 'card_remark'],
  ])('Kato speaking about the holdings, or a quotation given its place: %s', (line, published, kind) => {
    const page = `Finance Minister Katsunobu Kato and Japan's U.S. Treasury holdings.\n\nMarkets were calm.\n\nBonds were flat.\n\nStocks rose.\n\nThe yen held.\n\n${line}`;
    expect(remarks(page, published).find((m) => line.startsWith(m.text.slice(0, 12)))?.remark).toBe(kind);
  });

  test.each([
    ['Q: Did Japan say it would sell its Treasuries?'],
    ['#米国債　#加藤財務相　#関税　#日米交渉'],
  ])('a question or a line of hashtags reports nothing: %s', (line) => {
    const page = `Finance Minister Katsunobu Kato said on TV Tokyo that the Treasury holdings could be among such cards.\n\n${line}`;
    expect(remarks(page, '2025-05-03').map((m) => m.text)).not.toContain(line);
  });

  test('"His words, roughly: …" introduces what he said; it is no talk of his own remarks', () => {
    const page = "Finance Minister Katsunobu Kato went on TV Tokyo last week.\n\nHis words, roughly: Japan's Treasuries are a card, and whether they play it is a separate decision.";
    expect(remarks(page, '2025-05-10').at(-1)?.remark).toBe('card_remark');
  });

  test('"changed his words" is the walk-back', () => {
    const text = 'Finance Minister Kato Katsunobu, who last week said Japan holding US debt can be used as "a card" in trade negotiation with the United States, on the 4th local time changed his words.';
    expect(remarks(text, '2025-05-05').map((m) => m.remark)).toEqual(['card_remark', 'clarification']);
  });

  test.each([
    // An outlet's slip in his given name, after his title, is still the minister.
    ['Finance Minister Shunichi Kato told a television interviewer on Friday that Japan\'s stockpile of US government bonds is one of the tools at Tokyo\'s disposal in its negotiations with Washington.', '2025-05-03', 'card_remark'],
    ['Japanese Finance Minister Kato Takayuki said on the Tokyo TV program that the US Treasury bonds held by Japan "indeed is one card" in the tariff negotiation.', '2025-05-03', 'card_remark'],
    // Milan named, the sentence reports the walk-back though it goes on to June.
    ['Two days later, in Milan, he said Tokyo had no plan to use sales of Treasuries as a bargaining tool, and in June he said the topic had been left to him and Treasury Secretary Scott Bessent.', '2025-12-19', 'clarification'],
  ])('misnamed, or named with a later occasion: %s', (line, published, kind) => {
    const page = `Finance Minister Katsunobu Kato spoke of Japan's U.S. Treasury holdings on TV Tokyo on May 2.\n\n${line}`;
    expect(remarks(page, published).at(-1)?.remark).toBe(kind);
  });

  test.each([
    ['切るかどうかは別って言ってんだから脅しじゃないだろ', 'card_remark', '2025-05-02'],
    ['4月の国会では「米国との関係で売れないってことはない」って答弁してたよな', 'earlier_dismissal', '2025-05-03'],
  ])('a thread reply that drops the subject: %s', (line, kind, published) => {
    const page = `【速報】加藤財務相、米国債は交渉の「カード」\n\n1：名無しさん\nマジか\n\n2：名無しさん\n円高くる？\n\n3：名無しさん\n知らん\n\n4：名無しさん\n${line}`;
    const found = remarks(page, published).find((m) => m.text === line);
    expect(found?.remark).toBe(kind);
    // A threat denied repeats no false-threat claim.
    expect(found?.verdict.status).not.toBe('false_threat');
  });

  test('"he" is not Kato where another Kato is on the page', () => {
    const page = 'Finance Minister Katsunobu Kato spoke about U.S. Treasuries.\n\nTakeshi Kato, a fund manager, said bonds were cheap.\n\nReply: yields were flat.\n\nReply: so were stocks.\n\nReply: he walked it back in Milan today.';
    expect(remarks(page, '2025-05-04').map((m) => m.text)).not.toContainEqual(expect.stringContaining('walked it back'));
  });

  test('an everyday word before "Kato" ("Watch Kato\'s remarks") is no other Kato', () => {
    const page =
      'On Friday, Finance Minister Katsunobu Kato said on TV Tokyo that Japan’s Treasury holdings could be a card.\n\nIn early April, Kato told parliament that the holdings were managed with intervention in mind.\n\nWatch Kato’s remarks in Milan this weekend.';
    expect(remarks(page, '2025-05-03').map((m) => m.remark)).toContain('earlier_dismissal');
  });

  test.each([
    ['Finance Minister Katsunobu Kato said his television comments answered a question about reassuring the U.S. that Japan would not sell its holdings easily.'],
    ['In Milan, Kato said his earlier answer had been about something narrower.'],
    ["Japan says it won't wield its $1 trillion Treasury pile against Washington"],
    ['Tokyo pushes back on talk of a bond threat, finance minister Katsunobu Kato says'],
  ])('after Milan, his own TV comments explained, or the pile kept out of the talks, is the clarification: %s', (text) => {
    const page = `In Milan on Sunday, Finance Minister Katsunobu Kato spoke about Japan's U.S. Treasuries.\n\n${text}`;
    expect(remarks(page, '2025-05-05').at(-1)?.remark).toBe('clarification');
  });

  test.each([
    // A polite ending.
    ['加藤勝信財務相は2日、米国債は交渉のカードになり得ると述べた。ただし、4月の国会では、米国債は為替介入に備えて持っているもので、外交の観点から運用しているわけではないと答弁していました。', '答弁していました'],
    // A forum post without its subject.
    ["Japan's finance minister Kato was on TV Tokyo this morning and said their Treasury pile \"does exist as a card\" in the talks. Also said whether they actually play that card is another matter.", 'Also said'],
  ])('a sentence without its subject continues him: %s', (text, line) => {
    expect(remarks(text, '2025-05-03').map((m) => m.text)).toContainEqual(expect.stringContaining(line));
  });

  test.each([
    ["In parliament on Wednesday, Finance Minister Katsunobu Kato said Japan manages its U.S. Treasury holdings for intervention. He said Japan's reserves were not excessively large.", '2025-04-10', 'earlier_dismissal'],
    ['加藤勝信財務相は9日の国会で、米国債は為替介入に備えて管理していると述べた。外貨準備の規模は過大とは考えていないとも述べた。', '2025-04-10', 'earlier_dismissal'],
    ["Japan's Finance Minister Katsunobu Kato recently stated that the U.S. Treasury bonds held by Japan could become one of the negotiating tools with Washington.", '2025-05-06', 'card_remark'],
  ])('what each statement said, in its own words: %s', (text, published, kind) => {
    const found = remarks(text, published);
    expect(found.at(-1)?.text).toMatch(/excessive|過大|negotiating tools/);
    expect(found.at(-1)?.remark).toBe(kind);
  });

  test('"he expressed" after the question put to him is his answer', () => {
    const asked = 'On 2nd May, Japanese Finance Minister Kato Katsunobu gave an interview to a TV Tokyo program. When he was asked whether Japan could use not selling US debt easily as a negotiation means, he expressed that "it exists as a card".';
    expect(remarks(asked, '2025-05-05').map((m) => m.remark)).toContain('card_remark');
  });

  test('"his earlier comments" after Milan is the clarification', () => {
    const page = 'In Milan on Monday, Finance Minister Katsunobu Kato said Japan was not considering selling Treasuries as a means of negotiation.\n\nHe said his earlier comments had answered a narrow question and "were never a threat."';
    expect(remarks(page, '2025-05-06').at(-1)?.remark).toBe('clarification');
  });

  test('after a sentence that reports both statements, "He added…" goes on with the later one', () => {
    const page = "Japan's finance minister said on Sunday that the country does not intend to use its U.S. Treasury holdings as a bargaining chip. The clarification follows remarks on Friday that appeared to float the bonds as possible leverage. He added that selling the holdings is not being considered as a negotiating tactic.";
    expect(remarks(page, '2025-05-04').at(-1)?.remark).toBe('clarification');
  });

  test('a bare 加藤 next to the card, on a page where he is the only Kato, is him (forum threads)', () => {
    const page = '【速報】財務相、米国債めぐり発言\n\n1：名無しさん\n米国債の話らしい\n\n2：名無しさん\n加藤がテレビで「売れるカードはあるぞ」ってアメリカに言ったらしい';
    expect(remarks(page, '2025-05-02').map((m) => [m.remark, m.text.startsWith('加藤が')])).toEqual([['card_remark', true]]);
  });

  test('the question alone is not what he said: 「…交渉の手段になり得るかを問われた。」', () => {
    const found = remarks('加藤勝信財務相は2日、テレビ東京の番組に出演した。番組では、日本が米国債を安易に売らないと伝えることが交渉の手段になり得るかを問われた。', '2025-05-02');
    expect(found.map((m) => m.text)).not.toContainEqual(expect.stringContaining('問われた'));
  });

  test.each([
    // Kato putting the holdings in the talks says something about them, though no word of the card is used.
    ["Last week Japan's finance minister appeared to put the country's U.S. debt holdings on the negotiating table.", 'card_remark'],
    ['Japan FinMin Kato: Treasury pile one of Tokyo\'s tools in US trade talks', 'card_remark'],
    // Kept out of them, it is the walk-back (by its day) or the April answer.
    ["Tokyo won't wield its Treasury holdings in tariff talks, finance minister says on Sunday", 'clarification'],
  ])('the holdings put in (or kept out of) the talks: %s', (text, kind) => {
    expect(remarks(text, '2025-05-08').map((m) => m.remark)).toEqual([kind]);
  });

  test.each([
    // 示唆していた with no subject continues the last speaker, as 述べた does.
    ['加藤勝信財務相は4日、米国債の売却を交渉の手段とする考えはないと述べた。その2日前には、米国債の保有が交渉のてこになり得ると示唆していた。', 'card_remark'],
    // 「…とし、」 reports what he said as well.
    ['加藤財務相は2日の番組で米国債について「カードとしてはある」と語った。一方、そのカードを実際に切るかどうかは別の判断になるとし、使い方には触れなかった。', 'card_remark'],
  ])('a Japanese sentence that drops the subject continues him: %s', (text, kind) => {
    const found = remarks(text);
    expect(found).toHaveLength(2);
    expect(found[1]!.remark).toBe(kind);
  });

  test('a remark named only by when it was made is just the walk-back\'s object', () => {
    const found = remarks('Finance Minister Katsunobu Kato said on Sunday Japan was not considering selling U.S. Treasuries as a means of negotiation, clarifying his Friday remark.');
    expect(found.map((m) => m.remark)).toEqual(['clarification']);
  });

  test('a misdated object is misdated', () => {
    const found = remarks('加藤財務相、米国債売却を否定　4月の「カード」発言を修正');
    expect(found.find((m) => m.remark === 'card_remark')!.verdict.status).toBe('misdated');
  });

  test.each([
    ['「米国債カード」は切れるのか　最新統計で読む日本の1兆ドル超'],
    ['切られなかった「米国債カード」　日米関税合意の舞台裏'],
  ])('the card as a topic, with nobody saying anything, is no remark: %s', (headline) => {
    expect(remarks(`${headline}\n\n加藤勝信財務相は2日、日本が保有する米国債について「交渉のカードとしてはある」と述べた。`, '2025-05-20').map((m) => m.text)).not.toContainEqual(expect.stringContaining('米国債カード」'));
  });

  test('what he said at a later occasion is none of the three statements', () => {
    const text = '加藤財務相は2日、米国債は「交渉のカードとしてはある」と述べた。\n\nそして6月に入ってからは、米国債の扱いは「ベッセント長官と私に委ねられている」と述べた。';
    expect(remarks(text, '2025-06-20').map((m) => m.remark)).toEqual(['card_remark']);
  });

  test.each([
    ['Finance Minister Katsunobu Kato on Tuesday repeated that Japan manages its Treasury holdings to keep liquidity for intervention, not as a bargaining tool.'],
    ['加藤財務相は13日の閣議後会見で、米国債の保有は為替介入に備えた流動性確保が目的だと改めて説明した。'],
  ])('a restatement dated a week after the three statements is another occasion: %s', (text) => {
    expect(remarks(text, '2025-05-13')).toEqual([]);
  });

  test('a dateline day is the page\'s, not a statement\'s', () => {
    const text = 'KUALA LUMPUR (May 6): Japan does not intend to use the sale of its US Treasury holdings as leverage in its tariff negotiations, according to Finance Minister Katsunobu Kato.';
    expect(remarks(text, '2025-05-06').map((m) => m.remark)).toEqual(['clarification']);
  });

  test('how the media read the remark is the remark, reported', () => {
    const text = '加藤勝信財務相は2日、日本が保有する米国債について「交渉のカードとしてはある」と述べた。\n\nこの発言は海外メディアで「日本が米国債の売却をちらつかせた」と報じられた。';
    expect(remarks(text, '2025-05-03').map((m) => m.remark)).toEqual(['card_remark', 'card_remark']);
  });

  test('with nothing to tell the April answer from the Milan one, the mention says it is unsure', () => {
    const [m] = remarks('Finance Minister Katsunobu Kato ruled out selling U.S. Treasuries as a bargaining chip in the tariff negotiations.');
    expect(m?.unsure).toBe(true);
    expect([m?.remark, m?.alternative].sort()).toEqual(['clarification', 'earlier_dismissal']);
  });

  test('a card remark links to the event and to its later clarification', () => {
    const [m] = remarks('Finance Minister Katsunobu Kato said Japan’s Treasury holdings exist as a card in the negotiations.');
    const event = ds.events.get(m!.events[0]!)!;
    expect(event.kind).toBe('remark');
    expect(m!.clarifiedBy).toBe(event.clarifiedBy);
    expect(ds.events.get(m!.clarifiedBy!)!.kind).toBe('clarification');
  });

  test('"threatened to sell" carries the known false claim', () => {
    const [m] = remarks('Japan’s finance minister Katsunobu Kato threatened to sell U.S. Treasuries if the tariff talks fail.');
    expect(m!.claims).toContain('japan-threatened-to-sell');
  });

  test('told to lawmakers: the Diet statement, even with a word it shares with the card remark', () => {
    const text = 'Finance Minister Katsunobu Kato spoke about Japan’s Treasury holdings.\nIn April he had told lawmakers the bonds were managed with currency intervention in mind, not as a diplomatic weapon.';
    expect(remarks(text).map((m) => m.remark)).toEqual([undefined, 'earlier_dismissal'].filter(Boolean));
  });

  test('"what I said" after Milan is the clarification', () => {
    const text = 'Finance Minister Katsunobu Kato was asked about Japan’s U.S. Treasury holdings in Milan.\n"What I said was never about selling our holdings," Kato said.';
    expect(remarks(text).at(-1)?.remark).toBe('clarification');
  });

  test('before the remark was made, a ruling-out is the April dismissal', () => {
    const [m] = remarks('Finance Minister Katsunobu Kato told parliament Japan would not sell U.S. Treasuries as a countermeasure against tariffs.', '2025-04-10');
    expect(m?.remark).toBe('earlier_dismissal');
  });

  test('"he said" after a Kato sentence is Kato', () => {
    const text =
      'Finance Minister Katsunobu Kato spoke about Japan’s Treasury holdings on TV Tokyo.\n“Whether we actually use that card, however, is a different question,” he said.';
    expect(remarks(text).map((m) => m.remark)).toContain('card_remark');
  });
});

describe('remarks: somebody else speaking, or asking', () => {
  test.each([
    ['Finance Minister Katsunobu Kato told the Diet on Wednesday that Japan manages its Treasuries for intervention.\n\nHe was responding to a ruling party lawmaker who had proposed selling Treasuries to push back against the tariffs.', '2025-04-10', 'ruling party lawmaker'],
    ['加藤財務相は4日、ミラノで米国債の売却を交渉の手段とすることは考えていないと述べた。\n\n山城氏は、撤回を急いだ背景としてミラノで財務相会議が開かれていたことを挙げる。', '2025-05-06', '山城氏'],
  ])('%s', (page, published, other) => {
    expect(remarks(page, published).map((m) => m.text)).not.toContainEqual(expect.stringContaining(other));
  });
});

describe('remarks: hard negatives stay silent', () => {
  test.each([
    ['Shinichi Kato, a striker for the club, scored twice on Saturday.'],
    ['Kato warned against excessive moves in the yen, saying Tokyo was watching markets with urgency.'],
    ['“You don’t have the cards right now,” Trump told the Ukrainian president.'],
    ['Cardholders can earn points on every purchase with the new credit card.'],
    ['China cut its holdings of U.S. Treasuries to $765.4 billion, the lowest since 2009.'],
    ['加藤浩次さんが司会を務める番組で、カードゲームの特集が放送された。'],
    ['Takeshi Kato, chief investment officer at a Tokyo insurer, spoke to reporters at the finance ministry. Kato said the insurer would not rush to sell its U.S. Treasuries.'],
  ])('%s', (text) => {
    expect(analyze(ds, text, { published: '2025-05-05' }).filter((m) => m.flagged)).toEqual([]);
  });
});

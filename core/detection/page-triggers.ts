/**
 * A cheap first look for content scripts: could this text be a region-block banner at all?
 * True only when the text holds one of the page rules' own phrases, read the way the engine
 * reads it (case, curly quotes, entities, invisible characters, runs of spaces), so ordinary chat
 * about what is "available" or "supported" where does not spend the page's report budget before
 * a real banner comes (bench/findings.md). Dependency-free and tiny on purpose: it ships in
 * every page.
 *
 * PAGE_TRIGGERS is generated from the rules, not hand-picked: page-triggers.test.ts derives it
 * from core/detection/rules (every text phrase of every page rule, and the longest value of each
 * JSON alternative, normalised, without any phrase that contains a shorter one, and without any
 * that REFUSAL_SHAPE below already passes wherever it stands: those bytes ship in every page) and
 * fails with the list to paste here when a rule or the shape changes.
 */
export const PAGE_TRIGGERS = [
  'availabilitynotinregion',
  'error code: 1009',
  'request not allowed',
  'unable to load site',
] as const;

/**
 * The shape of a refusal the recogniser reads (core/detection/recogniser), per language, as
 * ordered phrases with short gaps: an unavailability joined to the reader's place. Ordered on
 * purpose, so that chat about which regions are supported does not pass; spaces are optional,
 * so that text that lost its spaces still does. Traditional and Simplified Chinese both appear;
 * so do the Arabic and Persian forms of yeh and kaf (this reading does not fold them).
 */
export const REFUSAL_SHAPE = new RegExp(
  [
    // en: "is not (currently|yet) available in your region", "doesn't serve your region", and the
    // page signatures' phrases written as shapes ("… disabled ChatGPT for users in", "App unavailable in region")
    // and "only in certain regions" in German, Spanish, French, Indonesian, Italian and Portuguese
    "(?:not|n't|un) ?(?:currently |yet )?(?:(?:available|supported|allowed|offered|work|operate)(?: yet)? ?(?:in|from|for|at|by)|serve) ?(?:your|this|certain) ?(?:current |ip\\S* )?(?:country|region|location|territor|area|data ?cent|jurisdic)|available where you are|not a supported (?:country|region)|from (?:an? )?unsupported (?:countr|region|location)|disabled (?:chatgpt )?for users in|only available in certain|nur in bestimmten regi|disponible en ciertas regi|que dans certaines régi|wilayah tertentu|solo in determinate regi|apenas em certas regi|सपोर्ट नहीं|unavailable[ -]in[ -]region|territory not supported",
    // "geographical restriction(s)" in twenty-seven languages: the reason given when a country cannot be placed
    // (in every other language ChatGPT's message ends by pointing to help.openai.com)
    "(?:your|user) ?(?:current )?(?:country|region|location) ?(?:is ?|are ?)?(?:not|n't|un) ?(?:available|supported|allowed)|geographical restriction|restri\\S+ g[eé]ogr|geogra\\S+ (?:einschr|restrik|begrens|beperk)|landspecifika begr|הגבלות גאוגרפיות|γεωγραφικ\\S* περιορισ|地理的な?制限|กัดทางภูมิศาสตร์|(?:ograniczenia|batasan|sekatan) geogr|географ\\S+ (?:огран|обмеж|шектеу)|coğrafi kısıt|hạn chế về địa|maantieteelli|القيود الجغرافي|भौगोलिक प्रतिबंध|지리적 제한|coming soon to your ?(?:country|region)|help\\.openai\\.com",
    // a terse error opening with the place: "Region not supported."
    '(?:^|[":] ?)(?:country|region|location) (?:is )?not (?:available|supported|allowed)',
    'disallowed ?isp|has banned the country|do(?:es)?(?: no|n.)t(?: \\w+)? support[^.]{0,40}(?:your|this|exit) ?(?:country|region|location)',
    '(?:unsupported|restricted)[_-](?:country|region)|unsupporteduserlocation|geo-?blocked|failed_precondition',
    // zh-Hans / zh-Hant (嘅: Cantonese 的; 位置: a refusal may name the reader's place before its region word)
    '(?:所[在处處]|[当當]前|[该該此]|[您你][的嘅])[的嘅]?(?:[^。！，]{1,12}[、/或])?(?:[国國]家|地[区區]|[区區]域|位置)[^。！]{0,24}(?:不可用|不受?支[持援]|尚未[覆提]|未有提供|不提供|[无無]法使用|未[开開]放|不起作用)|(?:不可用|不受?支[持援]|尚未覆)[^。！]{0,12}(?:所在|[当當]前|出口)的?(?:[国國]家|地[区區]|[区區]域)|[暂暫尚]未在[您你]|(?:因|由[于於]|不可用|法使用|不支[^。！]{0,20}|[执執实實][行施])[地区區域理][^。！]{0,3}限制|法在[^。！]{0,6}所在|不在[^。！]{0,12}支[持援]的地|[仅僅只](?:在|适用于)(?:部分|某些)',
    // ru and uk (either word order), be, kk, bg, cs, ro, el, de, fr, es, pt, it, id, pl, he, ja, tr, vi, ko, fa, ar
    '(?:не ?доступ[^ ]*|не п(?:оддерживается|ідтримується)|не работает|не разреш[её]н[^ ]*|запрещ[её]н[^ ]*|ограничен[аоы]?|заблокирован[^ ]*) [ву] ваш|ваш[^ ]* (?:стран|рег[иі]он|країн)[^.]{0,30}не ?(?:под|доступ|раб)|данном регионе[^.]{0,40}не ?доступ|певних рег|недаступн\\S* ў ваш|(?:аймағыңыз|еліңіз)[^.]{0,30}(?:қолжетім|қолдау)|не (?:е нали(?:це|чн[оа]|чен)|са налични) в|(?:není|nejsou) ve (?:vaš|tv)|ve vaš\\S* \\S+ není|(?:nu (?:este|sunt) (?:încă )?d|ind)isponibil\\S*(?: \\S+)? în|δεν (?:είναι|διατίθενται|υποστηρίζεται)[^.]{0,30}(?:περιοχ|χώρα)|(?:ihre|deine)[rm]? (?:aktuellen )?(?:region|land)[^.]{0,40}nicht',
    // not available / not supported / does not work before "your" in fr, es, pt, it; id, pl, he
    '(?:dispon\\S{3,5}|pas prise? en charge|pas (?:accessible|offerte?)s?|sup?porta[dt]\\S|fun[cz]iona|fonctionne pas)(?: \\S+mente| no momento)? (?:dans votre|en [ts]u|(?:em|n[ao]) s(?:eu|ua)|nel(?:la)? tu)|tu región[^.]{0,6}no|tuo paese non supp|posizione attuale non|votre (?:pays|région|position actuelle) n.est pas|(?:tersedia|didukung|terdapat) di (?:negara|wilayah|kawasan|rantau)|dostępn. w twoim (?:kraj|region)|território não suportad|זמי(?:ן|נה|נים) ב(?:מדינה שלך|אזור(?:ך| שלך))',
    // sv, da, nb, fi, th, hi
    '(?:inte|ikkj?e) til+g\\S+ i (?:\\S+ )?di[nt]|(?:saatavilla|käytettävissä) (?:aluee|maassa)|(?:ภูมิภาค|ประเทศ)ของคุณ|(?:क्षेत्र|इलाके|देश) में[^।]{0,60}(?:उपलब्ध|समर्थित) नहीं',
    // af, bs/hr/sr, sl, ca, gl, cy, et, eu, tl, hu, is, lt, lv, sk, so, sq, sw, zu; mk, ky, mn; am, bn/as, or, gu, hy, ka, km, kn, lo, ml, mr, ne, my, pa, si, ta, te, ur
    'nie in jou streek|ni(?:je|su) (?:dostup|podržan)\\S* u (?:va|tv)|ni(?:so)? na voljo v va|v vaši \\S+ niso na voljo|disponibles? a(?:l teu| la teva|l vostre)|dispoñ\\S+ n[ao] (?:túa|seu)|ar gael yn eich|(?:pole teie|ei ole sinu) \\S+ saadaval|(?:erabil|eskura)garri zure|hindi available[^.]{0,40} i?n?yong|nem (?:áll rendelkezésre|érhetők? el) a(?:z (?:ön|orsz)| régiód)|ekki (?:í boði|fáanlegt) [áí] þínu|(?:nepasiekiam|neprieinam|nėra prieinam)\\S* jūsų|nav pieejam\\S* (?:jūsu|tavā)|nie je(?: \\S+)? vo va|vo va\\S* \\S+ nedostupn|nie sú k dispozícii v tv|laga ma helo (?:wadan|gobol)kaaga|wadanka aad joogto looma heli|nuk (?:ofrohet|janë të disponueshme|është e disponueshme) në \\S+ t|ha\\S\\Spatikani katika|tholakali \\S+ sakho',
    'ни(?:је|су) (?:доступ|подржан)\\S* у ваш|(?:недостапн|не е достапн)\\S* во ваш|не се достапни во тво|аймакта жеткиликсиз|танай \\S+(?: \\S+)? боломжгүй|(?:ክልል|ሀገር)(?: ውስጥ)? አይገ|(?:অঞ্চল|দেশ)\\S* (?:\\S+ )?(?:উপল|সমর্থিত ন)|(?:ଅଞ୍ଚଳ|ଦେଶ)[^।]{0,30}ଉପଲବ୍ଧ (?:ନାହିଁ|ନୁହେଁ)|દેશ\\S* ઉપલબ્ધ નથી|հասանելի (?:է|չեն) ձեր|თქვენს \\S+ მიუწვდომ|(?:მიუწვდომელია|არაა ხელმისაწვდომი) თქვენს|មិនអាចប្រើ[^។]{0,40}តំបន់របស់អ្នក|ನಿಮ್ಮ (?:ಪ್ರ)?ದೇಶ[^.]{0,60}(?:ಲಭ್ಯವಿ|ಬೆಂಬಲಿತವಾಗಿ)ಲ್ಲ|(?:ບໍ່ພ້ອມໃຫ້ບໍລິການ|ບໍ່ສາມາດໃຊ້ໄດ້)[^.]{0,20}ຂອງທ່ານ|നിങ്ങളുടെ [^.]{0,40}(?:ലഭ്യമല്ല|പിന്തുണയില്ല)|तुमच्या[^।]{0,60}(?:उपलब्ध|समर्थित) नाही|तपाईंको[^।]{0,40}उपलब्ध छैन|သင့်[^။]{0,40}မရ(?:ရှိ)?နိုင်|ਤੁਹਾਡੇ[^।]{0,40}ਉਪਲਬਧ ਨਹੀਂ|ඔබේ[^.]{0,30}නොලැබේ|உங்கள் [^.]{0,40}(?:கிடைக்க|ஆதரிக்கப்பட)வில்லை|మీ [^.]{0,60}(?:అందుబాటులో|మద్దతు) లే|[اآ]پ کے \\S+ میں دستیاب نہیں',
    'ubicación actual no (?:(?:se )?admite|es compatible)|niet (?:beschikbaar|toegankelijk) in (?:uw|j(?:ouw|e)) (?:regio|land)|(?:uw|je) (?:regio|land) (?:nog )?niet beschik|localização atual não (?:suporta|é sup)|emplacement actuel ne prend|standort (?:unterstützt diesen|wird (?:derzeit )?nicht|ist nicht)|huidige locatie ondersteun|местоположение не поддерживает|konum[^.]{0,30}desteklen?mi',
    '(?:お住まい|お客様)の(?:国|地域)|(?:現在|あなた)の地域では|今いる地域|のみご利用|(?:bölge|ülke)n(?:iz)?de[^.]{0,30}(?:kullanılam|mevcut d|desteklenm)|(?:khu vực|quốc gia|vị trí)(?: hiện tại)? (?:của )?bạn',
    '(?:지역|위치|국가|귀국)[^.]{0,30}(?:지원[되하]지 ?않|(?:[사이]용하?[할실]|쓸) ?수 ?없)|지원되지 ?않는[^.]{0,50}액세스하고 ?있|에서만 이용 ?가능|(?:منطقه|[کك]شور|م[کك]ان)[^.]{0,40}پشت.بان. ?نم.|(?:منطقه|[کك]شور)(?: (?:شما|تو)|تان) (?:در ?دسترس|موجود|قابل دسترس[یي]) نیست|لا تتوفر[^.]{0,40}في بلد|ارور (?:لو[کك]یشن|ریجن)|ошибку геолокации|地区问题|недоступ[^ ]* в мо[её]м|لا [يی]دعم موقع|موقع[كک] الحال. لا [يی]دعم|(?:متاح|متوفر|يتعذر[^.]{0,50})[ةه]? في (?:بلد|منطقت|دولت)',
  ].join('|'),
);

// Numeric references decode as the engine's reading does (out of range: a space); named quotes
// and '&' keep their meaning, any other name (nbsp, lt, gt) is a space.
const NAMED_ENTITY: Record<string, string> = {
  rsquo: "'",
  lsquo: "'",
  apos: "'",
  quot: '"',
  ldquo: '"',
  rdquo: '"',
  amp: '&',
};

/** The engine's reading of text (keyword-automaton's normaliseKeyword, plus its entities). */
export function normalisePageText(text: string): string {
  return text
    .replace(/&(#x?)?(\w{1,8});/gi, (_entity, hash: string | undefined, name: string) => {
      if (!hash) return NAMED_ENTITY[name] ?? ' ';
      const code = Number.parseInt(name, hash.length > 1 ? 16 : 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
    })
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc\u2032]/g, "'")
    .replace(/[\u201c\u201d\u2033]/g, '"')
    .replace(/[\u2010-\u2013]/g, '-')
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad\u0640\u064b-\u065f\u0670\u06d6-\u06ed]/g, '')
    .replace(/[\t-\r <>\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g, ' ');
}

export function mightMatterForPage(text: string): boolean {
  const plain = normalisePageText(text);
  for (const trigger of PAGE_TRIGGERS) if (plain.includes(trigger)) return true;
  return REFUSAL_SHAPE.test(plain);
}

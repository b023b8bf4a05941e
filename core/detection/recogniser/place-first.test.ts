/** The place-first clause (place-first.ts), through the whole engine on pasted text. */
import { describe } from 'vitest';
import { keepsClean, stillReads } from '../../../test/support/pasted-refusals';

describe('a clause that opens with the place, in a sentence naming the service', () => {
  // What a news summariser prints when Gemini refuses its key, a person's title repeating what
  // Gemini showed, and a diary bot's check quoting OpenAI's answer (sets 32, 7 and 31): the place
  // is the clause's subject, with no 'your'.
  stillReads('the terse form after a sentence start, a label or the service’s name', [
    'Регион не поддерживается для Gemini API. Переходим к запасному провайдеру без повторов.',
    'gemini страна не поддерживается',
    'Запрос доходит до OpenAI, но сервис отвечает «страна не поддерживается».',
    'OpenAI: Country not supported',
  ]);
  keepsClean([
    [
      'the terse form with no service named (a cloud region’s error)',
      'I receive the error: "region not supported." The only region that worked for me was "europe-west1."',
    ],
    [
      'the terse form quoted and then explained',
      '截图里的「国家不支持」是 Claude / ChatGPT 等服务基于 IP 来源地的常规限制，国内用户使用前需要先解决网络环境问题。',
    ],
    // The same reply with 地区, a place word that may open a clause: the quote must close the sentence.
    [
      'the terse form quoted and then explained, with a place word that opens clauses',
      '截图里的「地区不支持」是 Claude / ChatGPT 等服务基于 IP 来源地的常规限制。',
    ],
    ['a place that does not open its clause', 'Claude 型号在中国大陆及部分地区不支持。'],
    ['a cloud region named after the terse form', 'Vertex AI error: Region not supported (us-east4)'],
    ['the terse form under a condition', 'If Gemini says region not supported, switch the node.'],
    [
      'the terse form in a long sentence of a guide',
      'When you set up the Gemini API for a project and the console prints region not supported, you should first check the billing account, the project location and the quota before anything else.',
    ],
    [
      'a cloud region in the next sentence',
      'Claude on Vertex AI: Region not supported. Use europe-west1 instead.',
    ],
    [
      'a clause that goes on to something else',
      'Bedrock: Region not supported for this model. Check model access in the console.',
    ],
    ['the place as the actor, in Russian', 'Страна не поддерживает санкции против OpenAI, заявил министр.'],
    ['the place as the actor, in Chinese', '国家不支持翻墙使用ChatGPT。'],
    [
      'a plural place heading a list',
      'Countries not supported by ChatGPT: China, Russia, Iran, North Korea.',
    ],
    [
      'an error code documented',
      '# Error codes\n- `REGION_NOT_SUPPORTED`: Region not supported for Gemini API.',
    ],
    ['code throwing the words', 'throw new Error("Gemini: Region not supported")'],
    ['a quota after the terse form', 'Регион недоступен: квота Gemini исчерпана.'],
    ['a device’s location', 'Gemini: Location not available. Turn on location to get weather results.'],
    ['a title offering fixes', 'ChatGPT country not supported: 7 ways to fix it in 2025'],
    ['a question', 'ChatGPT region not supported? Try these 5 fixes'],
    ['a Chinese question', 'ChatGPT地区不支持怎么办'],
    ['a Tor exit', 'Tor exit region not allowed by this forum.'],
    ['a proxy test’s node', '机场测速：香港节点的出口地区不支持解锁，美国节点正常。'],
  ]);
  stillReads('the terse form after a spaced dash, and the service named twice or after "for"', [
    'ChatGPT — Country not supported',
    'Gemini: gemini region not supported',
    'Country not supported for ChatGPT',
  ]);
});

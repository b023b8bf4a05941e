import { describe, expect, it } from 'vitest';
import { guessRegion } from './guess-region';

describe('guessRegion', () => {
  it.each([
    ['zh-CN', 'Asia/Shanghai', 'CN'],
    ['en-US', 'Asia/Shanghai', 'CN'],
    ['zh-CN', 'Asia/Urumqi', 'CN'],
    ['zh-CN', 'Asia/Chongqing', 'CN'], // old link name, still reported by some browsers
    ['zh-HK', 'UTC', 'HK'],
    ['zh-Hant-HK', undefined, 'HK'],
    ['en-GB', 'Asia/Hong_Kong', 'HK'],
    ['zh-CN', 'Asia/Hong_Kong', 'HK'], // the clock is a better hint of where one is than the language
    ['zh-TW', 'Asia/Macau', 'MO'],
    ['pt', 'Asia/Macao', 'MO'],
    ['ru', 'Europe/Moscow', 'RU'],
    ['ru-RU', undefined, 'RU'],
    ['en', 'Asia/Novosibirsk', 'RU'],
    ['fa', undefined, 'IR'],
    ['fa-IR', 'UTC', 'IR'],
    ['en', 'Asia/Tehran', 'IR'],
    ['ja-JP', 'Asia/Tokyo', 'JP'],
    ['en', 'Asia/Calcutta', 'IN'],
    ['ru', 'Etc/UTC', null], // Russian is read in many countries
    ['ru', undefined, null],
    ['en', 'UTC', null],
    ['zh', undefined, null],
    ['zh-Hant', undefined, null],
    ['', '', null],
    [undefined, 'Not/AZone', null],
  ])('%s + %s → %s', (uiLanguage, timeZone, expected) => {
    expect(guessRegion({ uiLanguage, timeZone })).toBe(expected);
  });
});

/** The glued reading (glued.ts): text that lost its spaces, through the whole engine on pasted text. */
import { describe } from 'vitest';
import { keepsClean, stillReads } from '../../../test/support/pasted-refusals';

describe('text that lost its spaces, in the languages whose "your" is a short word', () => {
  const glued = (text: string) => text.replace(/ /g, '');
  stillReads('a short "your" right before the place, and a place that is the reader’s on its own', [
    glued('Google AI Studio no está disponible en tu región.'),
    glued('Claude Code não está disponível em seu país.'),
    glued('Google AI Studio bölgenizde kullanılamıyor.'),
    glued('Üzgünüz, bulunduğunuz konum bu model hizmetini desteklemiyor.'),
    glued('Désolé, votre emplacement actuel ne prend pas en charge ce service.'),
    glued('Gemini API is niet beschikbaar in uw regio.'),
  ]);
  keepsClean([
    ['a two-letter "your" inside another word', 'Bouwlocatienietbeschikbaar'],
    ['deixis beside a cloud resource, glued', 'Thisinstancetypeisnotavailableinthisregion.'],
    ['a short addressed place inside another word (Persian)', 'اینمحصولدرکشورتوسعهیافتهدردسترسنیست'],
    [
      'a guess that lost its spaces (Spanish)',
      glued('Si llegaste a esta página, es posible que Google AI Studio no está disponible en tu región.'),
    ],
    ['a guess that lost its spaces (Turkish)', glued('Bu API anahtarı bölgenizde desteklenmiyor olabilir.')],
    ['a guard’s word that lost its spaces (a SKU)', glued('La SKU no está disponible en su región.')],
    [
      'a quota guard that lost its spaces (Persian)',
      glued('سهمیه این کلید به پایان رسیده است و این مدل در منطقه شما پشتیبانی نمی‌شود.'),
    ],
  ]);
});

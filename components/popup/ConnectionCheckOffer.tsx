/**
 * The one-time offer to check the exit country automatically. Off by default;
 * one sentence says exactly what is sent and to whom. Shown until the person answers.
 */
import { t } from '../i18n';
import { Icon } from '../shared/Icon';

export function ConnectionCheckOffer({
  onAccept,
  onDecline,
}: {
  onAccept: () => void;
  onDecline: () => void;
}) {
  return (
    <section class="card card-offer" aria-labelledby="offer-title">
      <div class="card-head">
        <Icon name="globe" size={18} class="tone-accent" />
        <h2 id="offer-title" class="card-subtitle">
          {t('offer.title')}
        </h2>
      </div>
      <p class="small">{t('offer.whatItSends')}</p>
      <div class="row">
        <button type="button" class="button button-primary button-small" onClick={onAccept}>
          {t('offer.accept')}
        </button>
        <button type="button" class="button button-small" onClick={onDecline}>
          {t('offer.decline')}
        </button>
      </div>
    </section>
  );
}

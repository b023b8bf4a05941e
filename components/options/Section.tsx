/** One options section: an anchor target (#log, #region, …) with its heading and intro. */
import type { ComponentChildren } from 'preact';

export function Section({
  id,
  title,
  intro,
  children,
}: {
  id: string;
  title: string;
  intro?: string;
  children: ComponentChildren;
}) {
  return (
    <section id={id} class="options-section" aria-labelledby={`${id}-title`} tabIndex={-1}>
      <h2 id={`${id}-title`} class="options-section-title">
        {title}
      </h2>
      {intro ? <p class="muted">{intro}</p> : null}
      <div class="options-section-body">{children}</div>
    </section>
  );
}

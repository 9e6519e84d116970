/**
 * One view's frame: its heading, focused when the route changes (so a screen reader
 * hears where it landed), and the document title to match.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export function Page({ title, actions, children }: { title: string; actions?: ComponentChildren; children: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Overcast`;
    heading.current?.focus();
  }, [title]);
  return (
    <section class="page" aria-labelledby="page-title">
      <header class="page-header">
        <h1 id="page-title" tabIndex={-1} ref={heading}>
          {title}
        </h1>
        {actions ? <div class="page-actions">{actions}</div> : null}
      </header>
      {children}
    </section>
  );
}

/** A titled card (a cloud, a VDC, the cumulative VDC). */
export function Card({
  title,
  testId,
  children,
  aside,
}: {
  title: ComponentChildren;
  testId?: string;
  children: ComponentChildren;
  aside?: ComponentChildren;
}) {
  return (
    <article class="card" data-testid={testId}>
      <header class="card-header">
        <h3>{title}</h3>
        {aside}
      </header>
      {children}
    </article>
  );
}

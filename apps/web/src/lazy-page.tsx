import { type ComponentType, lazy, useState } from 'react';

/**
 * A page loaded on demand, like React's `lazy`, that can also be loaded ahead (`preload`): once
 * loaded, it renders at once instead of suspending. A suspended first render shows the fallback
 * and React then holds the page back up to 300 ms after it (its fallback throttle), which a form
 * page whose code was fetched alongside the portal's (main.tsx) should not wait for.
 */
export function lazyPage<P extends object>(
  load: () => Promise<ComponentType<P>>,
): { Page: ComponentType<P>; preload: () => Promise<void> } {
  let loaded: ComponentType<P> | undefined;
  const remember = () =>
    load().then((c) => {
      loaded = c;
      return c;
    });
  const Lazy = lazy(() => remember().then((c) => ({ default: c })));
  // biome-ignore lint/correctness/noComponentHookFactories: made once per page, at module level (app.tsx), never in a render
  function Page(props: P) {
    // Chosen once per mount: switching between the two would mount the page anew.
    const [Direct] = useState(() => loaded);
    return Direct ? <Direct {...props} /> : <Lazy {...props} />;
  }
  return { Page, preload: () => remember().then(() => undefined) };
}

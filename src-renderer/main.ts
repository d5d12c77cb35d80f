// The toolbar page's entry: finds its way to the main process, then mounts the app in the page.
import { mount } from 'svelte';
import App from './App.svelte';
import { resolveApi } from './api.ts';
import { Toolbar } from './toolbar.svelte.ts';
import './styles.css';

// Not a top-level await: with one, the bundler splits the start into several files (so no module waits on itself).
async function start(): Promise<void> {
  const tb: Toolbar = new Toolbar(await resolveApi((stopped) => (tb.stopped = stopped)));
  mount(App, { target: document.getElementById('app')!, props: { tb } });
}
void start();

// The toolbar page's entry: finds its way to the main process, then mounts the app in the page.
import { mount } from 'svelte';
import App from './App.svelte';
import { resolveApi } from './api.ts';
import { Toolbar } from './toolbar.svelte.ts';
import './styles.css';

let tb: Toolbar;
resolveApi(
  (stopped) => (tb.stopped = stopped),
  (api) => {
    tb = new Toolbar(api);
    mount(App, { target: document.getElementById('app')!, props: { tb } });
  },
);

// A server that answers every request and floods on request, in a worker thread of its own: the
// frames it sends do not cost the event loop of the app core being measured (write-flood.ts).
import { parentPort } from 'node:worker_threads';
import { WebSocketServer } from 'ws';

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
let socket;
wss.on('connection', (ws) => {
  socket = ws;
  ws.on('message', (data) => ws.send(JSON.stringify({ ...JSON.parse(data.toString()), result: 1 })));
});
wss.on('listening', () => parentPort.postMessage({ port: wss.address().port }));

parentPort.on('message', async (message) => {
  if (message.stop) {
    for (const ws of wss.clients) ws.terminate();
    wss.close(() => parentPort.close());
    return;
  }
  // In bursts of 500 frames every 10 ms, as a busy switch would.
  const frames = message.frames;
  for (let i = 0; i < frames.length; i += 500) {
    for (const frame of frames.slice(i, i + 500)) socket.send(frame);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  parentPort.postMessage({ sent: frames.length });
});

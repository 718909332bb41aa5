// The fan-out benchmark's peer: a plain broadcast server on the npm `ws` package. It serves /ws/students,
// /ws/teachers and /ws/parents and, every interval, sends each channel's next payload (captured from the
// broadcaster in the same run) to every client of the channel: encoded once, sent to all, the way the ws README
// broadcasts. Every frame of a tick carries the tick's start as its "timestamp", as the broadcaster's do, so one
// round is measured the same way on both servers. A new client gets the channel's current payload at once, like the
// broadcaster's connect-time snapshot (from the start: the first payload is there before the first tick).
// Usage: node peer.js <port> <interval-seconds> <payload-dir> [plain|deflate]
//   payload-dir holds <channel>-<n>.json (or <channel>.json), sent in name order, one per tick, round and round.
//   deflate: perMessageDeflate on with ws's defaults (it compresses for each client separately, with context
//   takeover); plain (default): off.
// Prints one line per tick: channel, clients, bytes, time to hand the frame to every socket, heap.
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');
const { WebSocketServer, WebSocket } = require('ws');

const [port, intervalSeconds, payloadDir] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4]];
const perMessageDeflate = process.argv[5] === 'deflate';
const files = fs.readdirSync(payloadDir).sort();
const channels = ['students', 'teachers', 'parents'].map((name) => {
  const own = files.filter((f) => new RegExp(`^${name}(-\\d+)?\\.json$`).test(f));
  if (own.length === 0) throw new Error(`no payload for ${name} in ${payloadDir}`);
  return {
    name,
    templates: own.map((f) => fs.readFileSync(path.join(payloadDir, f), 'utf8')),
    next: 0,
    wss: new WebSocketServer({ noServer: true, perMessageDeflate }),
    current: null,
  };
});
const TIMESTAMP = '"timestamp":"';

// The broadcaster's format: ISO-8601 UTC with six fraction digits and a Z (JavaScript clocks give milliseconds).
function timestamp() {
  return new Date().toISOString().replace('Z', '000Z');
}

// The channel's next payload with the given timestamp.
function frame(channel, stamp) {
  const template = channel.templates[channel.next];
  channel.next = (channel.next + 1) % channel.templates.length;
  const at = template.lastIndexOf(TIMESTAMP) + TIMESTAMP.length;
  const end = template.indexOf('"', at);
  return Buffer.from(template.slice(0, at) + stamp + template.slice(end));
}

function tick() {
  const stamp = timestamp();
  for (const channel of channels) {
    const started = process.hrtime.bigint();
    const data = frame(channel, stamp);
    channel.current = data;
    let clients = 0;
    for (const client of channel.wss.clients) {
      if (client.readyState === WebSocket.OPEN) {
        client.send(data, { binary: false });
        clients++;
      }
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(`tick ${channel.name} clients=${clients} bytes=${data.length} handed-to-sockets=${ms.toFixed(0)}ms ` +
      `heap=${(process.memoryUsage().heapUsed / 1048576).toFixed(0)}MB`);
  }
}

const startStamp = timestamp();
for (const channel of channels) channel.current = frame(channel, startStamp);

const server = http.createServer((req, res) => { res.writeHead(404); res.end(); });
server.on('upgrade', (req, socket, head) => {
  const channel = channels.find((c) => req.url.split('?')[0] === `/ws/${c.name}`);
  if (!channel) {
    socket.destroy();
    return;
  }
  channel.wss.handleUpgrade(req, socket, head, (ws) => {
    channel.wss.emit('connection', ws, req);
    ws.send(channel.current, { binary: false });
  });
});
server.listen(port, '127.0.0.1', () => {
  console.log(`ws peer listening on 127.0.0.1:${port} (perMessageDeflate ${perMessageDeflate ? 'on' : 'off'})`);
  setInterval(tick, intervalSeconds * 1000);
});
process.on('SIGTERM', () => process.exit(0));

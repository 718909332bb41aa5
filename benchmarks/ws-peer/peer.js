// The fan-out benchmark's peer: a plain broadcast server on the npm `ws` package. It serves /ws/students,
// /ws/teachers and /ws/parents and, every interval, sends each channel's payload (captured from the broadcaster
// in the same run, with a fresh "timestamp") to every client of the channel: encoded once, sent to all, the way
// the ws README broadcasts. A new client gets the current payload at once, like the broadcaster's snapshot.
// Usage: node peer.js <port> <interval-seconds> <payload-dir>   (payload-dir holds students.json, teachers.json,
// parents.json). Prints one line per tick: channel, clients, bytes, time to hand the frame to every socket.
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');
const { WebSocketServer, WebSocket } = require('ws');

const [port, intervalSeconds, payloadDir] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4]];
const channels = ['students', 'teachers', 'parents'].map((name) => ({
  name,
  template: fs.readFileSync(path.join(payloadDir, `${name}.json`), 'utf8'),
  wss: new WebSocketServer({ noServer: true, perMessageDeflate: false }),
  current: null,
}));
const TIMESTAMP = '"timestamp":"';

// The broadcaster's format: ISO-8601 UTC with six fraction digits and a Z (JavaScript clocks give milliseconds).
function timestamp() {
  return new Date().toISOString().replace('Z', '000Z');
}

function frame(template) {
  const at = template.lastIndexOf(TIMESTAMP) + TIMESTAMP.length;
  const end = template.indexOf('"', at);
  return Buffer.from(template.slice(0, at) + timestamp() + template.slice(end));
}

function tick() {
  for (const channel of channels) {
    const started = process.hrtime.bigint();
    const data = frame(channel.template);
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

const server = http.createServer((req, res) => { res.writeHead(404); res.end(); });
server.on('upgrade', (req, socket, head) => {
  const channel = channels.find((c) => req.url.split('?')[0] === `/ws/${c.name}`);
  if (!channel) {
    socket.destroy();
    return;
  }
  channel.wss.handleUpgrade(req, socket, head, (ws) => {
    channel.wss.emit('connection', ws, req);
    if (channel.current) ws.send(channel.current, { binary: false });
  });
});
server.listen(port, '127.0.0.1', () => {
  console.log(`ws peer listening on 127.0.0.1:${port}`);
  setInterval(tick, intervalSeconds * 1000);
});
process.on('SIGTERM', () => process.exit(0));

/* global setInterval, clearInterval */
// A real server-sent events endpoint for browser tests, served by the test runner's own
// server (web-test-runner.config.mjs `middleware`), since EventSource cannot be faked at the
// fetch boundary the way test/helpers/fake-endpoint.ts fakes the rest of the API.
//
// Each test picks a channel name. Streams:   GET  /__live/<channel>/api/v1/threads/<thread>/events
// Test control (not under /__live/, so a fake endpoint at /__live/<channel>/ never sees it):
//   POST /__live-control/<channel>  {"mode"?, "heartbeatMs"?, "muteHeartbeats"?, "emit"?: {event, data, id?}, "drop"?}
//   GET  /__live-control/<channel>  {"opened", "open", "requests": [{url, lastEventId}]}
// Modes: "stream" (default: hello, then what is emitted), "fail" (503, which EventSource does
// not retry), "busy" (429 too_many_streams with Retry-After, as the reference server answers a
// network holding too many streams), "silent" (200 and headers, then nothing: a proxy that
// buffers the stream).

const channels = new Map();

function channelOf(name) {
  let channel = channels.get(name);
  if (!channel) {
    channel = { mode: 'stream', heartbeatMs: 0, isMuted: false, opened: 0, streams: new Set(), requests: [] };
    channels.set(name, channel);
  }
  return channel;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => resolve(text === '' ? {} : JSON.parse(text)));
    req.on('error', reject);
  });
}

function formatEvent({ event, data = '', id }) {
  return `${event ? `event: ${event}\n` : ''}${id === undefined ? '' : `id: ${id}\n`}data: ${data}\n\n`;
}

function openStream(ctx, channel) {
  channel.opened += 1;
  channel.requests.push({ url: ctx.url, lastEventId: ctx.get('Last-Event-ID') || null });
  if (channel.mode === 'fail') {
    ctx.status = 503;
    ctx.body = { error: { code: 'unavailable', message: 'No streams here.' } };
    return;
  }
  if (channel.mode === 'busy') {
    ctx.status = 429;
    ctx.set('Retry-After', '60');
    ctx.body = { error: { code: 'too_many_streams', message: 'Too many live streams.' } };
    return;
  }
  ctx.respond = false;
  const res = ctx.res;
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
  res.flushHeaders();
  if (channel.mode === 'silent') {
    res.write(': ');
  } else {
    res.write(
      `retry: 100\n${formatEvent({ event: 'hello', data: JSON.stringify({ heartbeatMs: channel.heartbeatMs || 25000 }) })}`,
    );
  }
  const stream = { res, mode: channel.mode, timer: undefined };
  if (channel.heartbeatMs > 0 && channel.mode === 'stream' && !channel.isMuted) {
    stream.timer = setInterval(() => res.write(formatEvent({ event: 'heartbeat' })), channel.heartbeatMs);
  }
  channel.streams.add(stream);
  ctx.req.on('close', () => {
    clearInterval(stream.timer);
    channel.streams.delete(stream);
  });
}

/** Koa middleware for @web/dev-server. */
export async function liveEventsMiddleware(ctx, next) {
  const stream = /^\/__live\/([^/]+)\/api\/v1\/threads\/[^/]+\/events$/.exec(ctx.path);
  if (stream && ctx.method === 'GET') return openStream(ctx, channelOf(stream[1]));
  const control = /^\/__live-control\/([^/]+)$/.exec(ctx.path);
  if (!control) return next();
  const channel = channelOf(control[1]);
  if (ctx.method === 'POST') {
    const body = await readBody(ctx.req);
    if (body.mode) channel.mode = body.mode;
    if (body.heartbeatMs !== undefined) channel.heartbeatMs = body.heartbeatMs;
    // Says `heartbeatMs` in hello but sends no heartbeats: a stream cut somewhere on the way.
    if (body.muteHeartbeats !== undefined) channel.isMuted = body.muteHeartbeats;
    for (const open of channel.streams) {
      if (body.emit && open.mode === 'stream') open.res.write(formatEvent(body.emit));
      if (body.drop) open.res.destroy();
    }
  }
  ctx.type = 'application/json';
  ctx.body = JSON.stringify({
    opened: channel.opened,
    open: channel.streams.size,
    requests: channel.requests,
  });
}

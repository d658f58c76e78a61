// Session Grid console: reads the grid through the node's v1 API with the token entered above, so it
// sees what that token may see. Every value from the grid is put in the page as text, never as markup.
'use strict';

const TOKEN_KEY = 'sessiongrid.console.token';
const PAGE_SIZE = 50;
let poller = null;
// Each navigation's number: a view that finishes loading after the user moved on shows nothing.
let generation = 0;
// A notice for the next view (set before a navigation, shown by it).
let flash = null;

// ---- DOM and API helpers

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'onclick') node.addEventListener('click', v);
    else node.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

function link(hash, text) {
  return el('a', { href: hash }, text);
}

function seg(s) {
  return encodeURIComponent(s);
}

function table(headers, rows, id) {
  return el('table', id ? { id } : {},
    el('thead', {}, el('tr', {}, headers.map(h => el('th', {}, h)))),
    el('tbody', {}, rows));
}

function json(value) {
  return el('pre', {}, JSON.stringify(value, null, 2));
}

function time(seconds) {
  return seconds ? new Date(seconds * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '';
}

class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || ('HTTP ' + status));
    this.status = status;
    this.problem = problem;
  }
}

async function api(path, options) {
  const headers = Object.assign({ 'Accept': 'application/json' }, (options && options.headers) || {});
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers['Authorization'] = 'Bearer ' + token;
  const response = await fetch(path, Object.assign({}, options, { headers }));
  const text = await response.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch (e) { body = null; }
  if (!response.ok) throw new ApiError(response.status, body);
  return { body, text, response };
}

function problemBox(error) {
  const p = error.problem || {};
  const why = error.status === 401 ? 'Enter a token above.'
    : error.status === 403 ? 'This token may not do that.' : '';
  return el('div', { class: 'problem', 'data-status': error.status || '' },
    el('strong', {}, p.title || 'Error'), ' ', error.message || '', ' ', why,
    p.type ? el('div', { class: 'muted' }, p.type) : null);
}

function show(...nodes) {
  document.getElementById('view').replaceChildren(...nodes);
}

// A view's guard: true while the page still shows the route that started it.
function current(started) {
  return started === generation;
}

function notice(node) {
  document.getElementById('notice').replaceChildren(...(node ? [node] : []));
}

// ---- Views

async function appsView(started) {
  const { body } = await api('/v1/apps');
  if (!current(started)) return;
  const members = body.members || [];
  const rows = (body.apps || []).map(a => el('tr', { 'data-app': a.app },
    el('td', {}, link('#/apps/' + seg(a.app), a.app)),
    el('td', { class: 'num' }, a.sessions),
    el('td', {}, a.configured ? 'configured' : 'defaults'),
    el('td', {}, Object.entries(a.perMember || {}).map(([m, n]) => m + ': ' + n).join(', '))));
  show(el('h1', {}, 'Apps'),
    rows.length ? table(['app', 'sessions in memory', 'policy', 'per member'], rows, 'apps')
      : el('p', { id: 'apps-empty', class: 'muted' }, 'No app this token may read has sessions.'),
    el('p', { class: 'muted' }, 'Members answering: ' + (body.membersAnswered || 0) + ' of ' + (body.membersAsked || 0)
      + (members.length ? ' (' + members.join(', ') + ')' : '')));
}

function sessionRows(app, sessions) {
  return sessions.map(s => el('tr', { 'data-session': s.id },
    el('td', {}, link('#/apps/' + seg(app) + '/users/' + seg(s.userId) + '/sessions/' + seg(s.id), s.id)),
    el('td', {}, s.userId),
    el('td', { class: 'num' }, s.version),
    el('td', {}, time(s.lastUpdateTime)),
    el('td', {}, s.workerId || '')));
}

async function appView(app, started) {
  const base = '/v1/apps/' + seg(app);
  const state = await api(base + '/state');
  // The effective policy is for admin tokens; without one the rest of the page still shows.
  const policy = el('div', { id: 'policy-section' });
  api(base + '/policy').then(p => policy.replaceChildren(table(['setting', 'value'],
    Object.entries(p.body).map(([k, v]) => el('tr', {}, el('td', {}, k), el('td', {}, String(v)))), 'policy')))
    .catch(e => policy.replaceChildren(e.status === 403
      ? el('p', { class: 'muted', id: 'policy-note' }, 'The policy needs a token with the admin scope.') : problemBox(e)));
  const tbody = el('tbody', {});
  const more = el('button', { id: 'more-sessions' }, 'More');
  const worker = el('input', { id: 'worker', placeholder: 'worker id' });
  let next = null;
  let source = base + '/sessions';
  let listing = 0; // the list's own number: a page for an earlier list (or filter) is dropped
  async function load(reset) {
    const mine = reset ? ++listing : listing;
    more.disabled = true;
    const url = source + '?pageSize=' + PAGE_SIZE + (next && !reset ? '&pageToken=' + encodeURIComponent(next) : '');
    const { body } = await api(url);
    if (mine !== listing || !current(started)) return;
    // A worker's list holds routes (session, user, worker), an app's list whole sessions.
    const rows = body.sessions.map(r => 'version' in r ? sessionRows(app, [r])[0]
      : el('tr', { 'data-session': r.sessionId },
        el('td', {}, link('#/apps/' + seg(app) + '/users/' + seg(r.userId) + '/sessions/' + seg(r.sessionId), r.sessionId)),
        el('td', {}, r.userId), el('td', {}, ''), el('td', {}, ''), el('td', {}, r.workerId || '')));
    if (reset) tbody.replaceChildren(...rows); else tbody.append(...rows);
    next = body.nextPageToken;
    more.hidden = !next;
    more.disabled = false;
  }
  more.addEventListener('click', () => load(false).catch(e => notice(problemBox(e))));
  const filter = el('form', { id: 'worker-form' }, worker, el('button', { type: 'submit' }, 'Sessions of this worker'));
  filter.addEventListener('submit', ev => {
    ev.preventDefault();
    source = worker.value ? base + '/workers/' + seg(worker.value) + '/sessions' : base + '/sessions';
    next = null;
    load(true).catch(e => notice(problemBox(e)));
  });
  const sessions = el('table', { id: 'sessions' },
    el('thead', {}, el('tr', {}, ['session', 'user', 'version', 'last update', 'worker'].map(h => el('th', {}, h)))), tbody);
  if (!current(started)) return;
  show(el('div', { class: 'crumbs' }, link('#/apps', 'Apps'), ' / ', app),
    el('h1', {}, app),
    el('h2', {}, 'Sessions'), filter, sessions, more,
    el('h2', {}, 'app: state'), json(state.body.state),
    el('h2', {}, 'Policy'), policy);
  await load(true);
}

async function sessionView(app, user, id, started) {
  const base = '/v1/apps/' + seg(app);
  const path = base + '/users/' + seg(user) + '/sessions/' + seg(id);
  const [session, userState, appState] = await Promise.all([
    api(path + '?numRecentEvents=0'), api(base + '/users/' + seg(user) + '/state'), api(base + '/state')]);
  const s = session.body;
  const own = Object.fromEntries(Object.entries(s.state).filter(([k]) => !k.startsWith('user:') && !k.startsWith('app:')));
  const events = el('tbody', {});
  const more = el('button', { id: 'more-events' }, 'More');
  let next = null;
  async function load() {
    more.disabled = true;
    const { body } = await api(path + '/events?pageSize=' + PAGE_SIZE + (next ? '&pageToken=' + encodeURIComponent(next) : ''));
    if (!current(started)) return;
    more.disabled = false;
    events.append(...body.events.map(e => el('tr', { class: 'event' },
      el('td', {}, e.id || ''), el('td', {}, e.author || ''), el('td', {}, time(e.timestamp)),
      el('td', {}, el('pre', {}, JSON.stringify(e.content === undefined ? e : e.content, null, 1))),
      el('td', {}, e.actions && e.actions.stateDelta ? JSON.stringify(e.actions.stateDelta) : ''))));
    next = body.nextPageToken;
    more.hidden = !next;
  }
  more.addEventListener('click', () => load().catch(e => notice(problemBox(e))));
  const del = el('button', { id: 'delete-session', class: 'danger' }, 'Delete session');
  del.addEventListener('click', async () => {
    if (!window.confirm('Delete session ' + id + '?')) return;
    try {
      await api(path, { method: 'DELETE' });
      flash = el('div', { class: 'ok', id: 'deleted' }, 'Deleted ' + id);
      location.hash = '#/apps/' + seg(app);
    } catch (e) {
      notice(problemBox(e));
    }
  });
  if (!current(started)) return;
  show(el('div', { class: 'crumbs' }, link('#/apps', 'Apps'), ' / ', link('#/apps/' + seg(app), app), ' / ', user, ' / ', id),
    el('h1', {}, 'Session ' + id),
    table(['', ''], [
      ['user', s.userId], ['version', s.version], ['created', time(s.createTime)], ['last update', time(s.lastUpdateTime)],
      ['idle timeout', s.maxIdleSeconds ? s.maxIdleSeconds + ' s' : 'none'], ['lifetime', s.ttlSeconds ? s.ttlSeconds + ' s' : 'none'],
      ['size', s.sizeBytes + ' bytes'], ['worker', s.workerId || '']].map(([k, v]) => el('tr', {}, el('td', {}, k), el('td', {}, String(v)))),
    'session-facts'),
    el('h2', {}, 'State'),
    el('div', { class: 'layers' },
      el('div', { id: 'layer-session' }, el('h2', {}, 'session'), json(own)),
      el('div', { id: 'layer-user' }, el('h2', {}, 'user: (' + user + ')'), json(userState.body.state)),
      el('div', { id: 'layer-app' }, el('h2', {}, 'app:'), json(appState.body.state))),
    el('h2', {}, 'Events'),
    el('table', { id: 'events' }, el('thead', {}, el('tr', {}, ['id', 'author', 'time', 'content', 'state delta'].map(h => el('th', {}, h)))), events),
    more, el('p', {}, del));
  await load();
}

// Live figures from the node's own meters: per operation, calls per second and the p99 bucket bound
// over the last poll interval (the meters are histograms; this is what Prometheus's histogram_quantile does).
function parseOps(text) {
  const ops = {};
  for (const line of text.split('\n')) {
    const m = /^sessiongrid_op_seconds_(bucket|count)\{([^}]*)\} ([0-9.eE+-]+)/.exec(line);
    if (!m) continue;
    const labels = Object.fromEntries([...m[2].matchAll(/(\w+)="([^"]*)"/g)].map(x => [x[1], x[2]]));
    const op = ops[labels.op] || (ops[labels.op] = { count: 0, buckets: {} });
    const value = Number(m[3]);
    if (m[1] === 'count') op.count += value;
    else op.buckets[labels.le] = (op.buckets[labels.le] || 0) + value;
  }
  return ops;
}

function p99(before, after) {
  const total = after.count - before.count;
  if (total <= 0) return null;
  const bounds = Object.keys(after.buckets).filter(b => b !== '+Inf').map(Number).sort((a, b) => a - b);
  for (const b of bounds) {
    const key = Object.keys(after.buckets).find(k => Number(k) === b);
    if ((after.buckets[key] - ((before.buckets || {})[key] || 0)) >= 0.99 * total) return b;
  }
  return Infinity;
}

async function clusterView(started) {
  // /health answers 503 with the same body when the node is not ready; an admin token sees the details.
  const health = await api('/health').then(r => r.body).catch(e => (e.problem && typeof e.problem.status === 'string' ? e.problem : null));
  const listing = await api('/v1/apps').then(r => r.body).catch(() => null);
  if (!current(started)) return;
  const hz = health && health.details && health.details.hazelcast && health.details.hazelcast.details;
  const facts = [['status', health ? health.status : 'no answer']];
  if (hz) facts.push(['members', hz.clusterSize], ['cluster safe', hz.clusterSafe], ['this member', hz.member]);
  if (listing) facts.push(['members answering', (listing.members || []).join(', ')]);
  const figures = el('tbody', {});
  const figuresNote = el('p', { class: 'muted', id: 'figures-note' }, 'Reading the meters...');
  show(el('h1', {}, 'Cluster'),
    table(['', ''], facts.map(([k, v]) => el('tr', {}, el('td', {}, k), el('td', {}, String(v)))), 'cluster-facts'),
    hz ? null : el('p', { class: 'muted' }, 'Member details need a token with the admin scope.'),
    el('h2', {}, 'Operations (this node, last 2 s)'),
    el('table', { id: 'figures' }, el('thead', {}, el('tr', {}, ['operation', 'calls/s', 'p99 ≤'].map(h => el('th', {}, h)))), figures),
    figuresNote);
  let last = null;
  let lastAt = 0;
  async function poll() {
    if (!current(started)) return;
    try {
      const { text } = await api('/prometheus', { headers: { 'Accept': 'text/plain' } });
      const now = performance.now();
      const ops = parseOps(text);
      if (last) {
        const seconds = (now - lastAt) / 1000;
        figures.replaceChildren(...Object.keys(ops).sort().map(op => {
          const before = last[op] || { count: 0, buckets: {} };
          const rate = (ops[op].count - before.count) / seconds;
          const bound = p99(before, ops[op]);
          return el('tr', { 'data-op': op }, el('td', {}, op), el('td', { class: 'num' }, rate.toFixed(1)),
            el('td', { class: 'num' }, bound === null ? '' : bound === Infinity ? 'over the largest bucket' : (bound * 1000).toFixed(2) + ' ms'));
        }));
        figuresNote.textContent = '';
      }
      last = ops;
      lastAt = now;
    } catch (e) {
      figuresNote.replaceChildren(problemBox(e));
      if (e.status === 401 || e.status === 403) stopPolling(); // asking again changes nothing
    }
  }
  await poll();
  if (current(started) && !figuresNote.querySelector('.problem')) poller = setInterval(poll, 2000);
}

// ---- Routing

function stopPolling() {
  if (poller) { clearInterval(poller); poller = null; }
}

async function route() {
  stopPolling();
  notice(flash);
  flash = null;
  const started = ++generation;
  try {
    const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
    if (parts[0] === 'cluster') await clusterView(started);
    else if (parts[0] === 'apps' && parts.length === 2) await appView(parts[1], started);
    else if (parts[0] === 'apps' && parts.length === 6 && parts[2] === 'users' && parts[4] === 'sessions') await sessionView(parts[1], parts[3], parts[5], started);
    else await appsView(started);
  } catch (e) {
    if (current(started)) show(problemBox(e));
  }
}

function init() {
  const input = document.getElementById('token');
  document.getElementById('token-form').addEventListener('submit', ev => {
    ev.preventDefault();
    if (input.value) sessionStorage.setItem(TOKEN_KEY, input.value);
    input.value = '';
    route();
  });
  document.getElementById('token-forget').addEventListener('click', () => {
    sessionStorage.removeItem(TOKEN_KEY);
    route();
  });
  window.addEventListener('hashchange', route);
  route();
}

init();

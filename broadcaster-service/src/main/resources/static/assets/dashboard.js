/*
 * Live activity dashboard: one WebSocket per role channel in delta mode (a full snapshot, then only what changed),
 * one to the summary channel for the header counts, each reconnecting by itself with exponential backoff and
 * jitter; the online history as a chart, refreshed each minute. The token comes from #access_token= or
 * ?access_token= (then removed from the address bar) or the token field, and is kept in this tab's sessionStorage
 * only. It goes to the channels as a Sec-WebSocket-Protocol value, never in a URL, so no access log sees it. All
 * user data is rendered as text, never as HTML.
 */
(function () {
    'use strict';

    var CHANNELS = [
        { key: 'students', type: 'student_activity_update', delta: 'student_activity_delta', label: 'Students' },
        { key: 'teachers', type: 'teacher_activity_update', delta: 'teacher_activity_delta', label: 'Teachers' },
        { key: 'parents', type: 'parent_activity_update', delta: 'parent_activity_delta', label: 'Parents' }
    ];
    /** Role channels ask for deltas: the first message is the full picture with seq, then one delta per tick. */
    var ROLE_QUERY = 'mode=delta';
    var SUMMARY = { key: 'summary', type: 'activity_summary', label: 'Summary' };
    var HISTORY_MINUTES = 60;
    var HISTORY_REFRESH_MS = 60000;
    /** Bytes received are shown as a sum over this sliding window. */
    var TRAFFIC_WINDOW_MS = 60000;
    var TOKEN_KEY = 'activity.dashboard.token';
    var BACKOFF_BASE_MS = 1000;
    var BACKOFF_MAX_MS = 30000;
    /** No snapshot for this long (three missed 10 s ticks): the channel is shown as stale. */
    var STALE_AFTER_MS = 35000;
    /** No snapshot for this long: the connection is assumed dead and replaced. */
    var RECONNECT_AFTER_SILENCE_MS = 65000;
    var STATUS_REFRESH_MS = 15000;
    var PAGE_SIZE = 500;
    var SEARCH_DEBOUNCE_MS = 120;

    var token = readToken();
    var channels = {};
    var view = { tab: 'students', query: '', onlineOnly: false, limit: PAGE_SIZE };
    var renderQueued = false;
    var statusTimer = null;
    var historyTimer = null;
    var utf8 = new TextEncoder();

    // ---------------------------------------------------------------- token

    function readToken() {
        var url = new URL(window.location.href);
        // The fragment (#access_token=) never reaches a server; the query (?access_token=) is kept for old links.
        var fragment = new URLSearchParams(url.hash.replace(/^#/, ''));
        var fromUrl = fragment.get('access_token') || url.searchParams.get('access_token');
        if (fromUrl) {
            sessionStorage.setItem(TOKEN_KEY, fromUrl);
            // Keep the token out of the address bar, the history and any screenshot of the page.
            url.searchParams.delete('access_token');
            fragment.delete('access_token');
            var hash = fragment.toString();
            window.history.replaceState(null, '', url.pathname + url.search + (hash ? '#' + hash : ''));
            return fromUrl;
        }
        return sessionStorage.getItem(TOKEN_KEY) || '';
    }

    function setToken(value) {
        token = value;
        if (value) {
            sessionStorage.setItem(TOKEN_KEY, value);
        } else {
            sessionStorage.removeItem(TOKEN_KEY);
        }
    }

    // ---------------------------------------------------------------- channels

    function Channel(spec, query, onMessage) {
        this.key = spec.key;
        this.type = spec.type;
        this.deltaType = spec.delta;
        this.label = spec.label;
        this.query = query;
        this.onMessage = onMessage;
        this.socket = null;
        this.attempt = 0;
        this.retryTimer = null;
        this.retryAt = 0;
        this.state = 'idle';
        this.detail = '';
        this.users = [];
        this.total = null;
        this.online = null;
        this.serverTime = null;
        this.receivedAt = 0;
        this.stopped = true;
        this.seq = null;
        this.byId = null;
        this.lastKind = '';
        this.traffic = [];
    }

    Channel.prototype.url = function () {
        var scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
        return scheme + '//' + window.location.host + '/ws/' + this.key + (this.query ? '?' + this.query : '');
    };

    /** The token travels as a subprotocol value; the server answers with the non-secret name activity.v1 only. */
    Channel.prototype.protocols = function () {
        return token ? ['activity.v1', 'access_token.' + token] : [];
    };

    Channel.prototype.start = function () {
        this.stop();
        this.stopped = false;
        this.attempt = 0;
        this.connect();
    };

    Channel.prototype.stop = function () {
        this.stopped = true;
        clearTimeout(this.retryTimer);
        this.retryTimer = null;
        if (this.socket) {
            var socket = this.socket;
            this.socket = null;
            socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
            socket.close(1000, 'dashboard closed the channel');
        }
        this.setState('idle', '');
    };

    Channel.prototype.connect = function () {
        var self = this;
        var opened = false;
        this.setState('connecting', '');
        var socket;
        try {
            socket = new WebSocket(this.url(), this.protocols());
        } catch (e) {
            this.scheduleRetry(false);
            return;
        }
        this.socket = socket;
        socket.onopen = function () {
            opened = true;
            self.setState('connected', 'waiting for the first snapshot');
        };
        socket.onmessage = function (event) {
            self.receive(event.data);
        };
        socket.onclose = function (event) {
            if (self.socket !== socket) {
                return;
            }
            self.socket = null;
            if (!self.stopped) {
                self.scheduleRetry(opened, event.code);
            }
        };
    };

    Channel.prototype.receive = function (text) {
        this.countBytes(text);
        var message;
        try {
            message = JSON.parse(text);
        } catch (e) {
            return; // not ours: ignore rather than break the page
        }
        if (!message || !this.onMessage(this, message)) {
            return;
        }
        this.serverTime = parseTime(message.timestamp);
        this.receivedAt = Date.now();
        this.attempt = 0; // a message arrived: the connection works, start backoff afresh next time
        this.setState('connected', '');
        hideNotice();
        this.render();
    };

    Channel.prototype.countBytes = function (text) {
        var now = Date.now();
        this.traffic.push({ at: now, bytes: utf8.encode(text).length });
        this.pruneTraffic(now);
    };

    Channel.prototype.pruneTraffic = function (now) {
        while (this.traffic.length && now - this.traffic[0].at > TRAFFIC_WINDOW_MS) {
            this.traffic.shift();
        }
    };

    Channel.prototype.bytesPerWindow = function (now) {
        this.pruneTraffic(now);
        return this.traffic.reduce(function (sum, entry) {
            return sum + entry.bytes;
        }, 0);
    };

    Channel.prototype.render = function () {
        if (this.key === SUMMARY.key) {
            renderHeader(this);
        } else {
            scheduleRender(this.key);
        }
    };

    /**
     * A role channel's message: a full snapshot (the seed's format, with seq in delta mode) replaces the picture; a
     * delta on the picture held is applied. A delta on another base cannot come from the server, which sends a full
     * snapshot after a missed tick; if one did, the picture would be wrong, so the channel reconnects for a new one.
     */
    function applyRoleMessage(channel, message) {
        if (message.type === channel.type && Array.isArray(message.data)) {
            channel.byId = new Map();
            message.data.forEach(function (user) {
                channel.byId.set(user.user_id, user);
            });
            channel.users = message.data;
            channel.lastKind = 'full snapshot';
        } else if (message.type === channel.deltaType && Array.isArray(message.upsert) && Array.isArray(message.remove)) {
            if (channel.byId === null || message.base !== channel.seq) {
                if (channel.socket) {
                    channel.socket.close(4001, 'delta on an unknown base');
                }
                return false;
            }
            message.remove.forEach(function (id) {
                channel.byId.delete(id);
            });
            message.upsert.forEach(function (user) {
                channel.byId.set(user.user_id, user);
            });
            channel.users = sortUsers(Array.from(channel.byId.values()));
            channel.lastKind = 'delta +' + message.upsert.length + ' −' + message.remove.length;
        } else {
            return false;
        }
        channel.seq = typeof message.seq === 'number' ? message.seq : null;
        channel.total = typeof message.total_users === 'number' ? message.total_users : channel.users.length;
        channel.online = typeof message.online_users === 'number' ? message.online_users : countOnline(channel.users);
        return true;
    }

    function applySummary(channel, message) {
        if (message.type !== channel.type) {
            return false;
        }
        channel.counts = message;
        return true;
    }

    /** The channels' order: last_active descending, never-active last, then user_id. */
    function sortUsers(users) {
        return users.sort(function (a, b) {
            var ta = a.last_active ? Date.parse(toUtc(a.last_active)) : -Infinity;
            var tb = b.last_active ? Date.parse(toUtc(b.last_active)) : -Infinity;
            return tb - ta || a.user_id - b.user_id;
        });
    }

    /**
     * Exponential backoff with jitter: the ceiling doubles per failed attempt up to 30 s, and the actual wait is drawn
     * between half the ceiling and the ceiling, so a restarted server is not hit by every dashboard at once.
     */
    Channel.prototype.scheduleRetry = function (wasOpen, code) {
        var self = this;
        var ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * Math.pow(2, this.attempt));
        var delay = Math.round(ceiling / 2 + Math.random() * ceiling / 2);
        this.attempt += 1;
        this.retryAt = Date.now() + delay;
        this.setState('retrying', code === 1001 ? 'server restarting' : '');
        clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(function () {
            self.retryTimer = null;
            if (!self.stopped) {
                self.connect();
            }
        }, delay);
        if (!wasOpen && this.attempt === 1) {
            checkToken(); // a refused handshake looks the same as a network error: ask the server why
        }
    };

    Channel.prototype.checkSilence = function (now) {
        if ((this.state !== 'connected' && this.state !== 'stale') || !this.receivedAt) {
            return;
        }
        var silence = now - this.receivedAt;
        if (silence > RECONNECT_AFTER_SILENCE_MS && this.socket) {
            this.socket.close(4000, 'no snapshot received');
        } else if (silence > STALE_AFTER_MS) {
            this.setState('stale', '');
        }
    };

    Channel.prototype.setState = function (state, detail) {
        this.state = state;
        this.detail = detail || '';
        renderState(this);
    };

    function startAll() {
        hideNotice();
        allChannels().forEach(function (channel) {
            channel.start();
        });
        refreshStatus();
        refreshHistory();
    }

    function stopAll() {
        allChannels().forEach(function (channel) {
            channel.stop();
        });
        clearTimeout(historyTimer);
    }

    function allChannels() {
        return CHANNELS.map(function (spec) {
            return channels[spec.key];
        }).concat([channels[SUMMARY.key]]);
    }

    /** A handshake failed: if the token is the reason, say so and stop retrying until a new token is given. */
    function checkToken() {
        if (!token) {
            showNotice('Not connected. If the server requires a token, paste one above or open the page with #access_token=…', 'warn');
            return;
        }
        fetchStatus().then(function (response) {
            if (response.status === 401) {
                stopAll();
                allChannels().forEach(function (channel) {
                    channel.setState('rejected', '');
                });
                showNotice('The token was rejected (expired or invalid). Paste a new one above.', 'error');
            }
        }).catch(function () {
            // the server is unreachable: the channels keep retrying
        });
    }

    // ---------------------------------------------------------------- cluster status

    function fetchStatus() {
        var headers = token ? { Authorization: 'Bearer ' + token } : {};
        return fetch('/activity/status?limit=1', { headers: headers, cache: 'no-store', credentials: 'omit' });
    }

    function refreshStatus() {
        clearTimeout(statusTimer);
        if (!token) {
            return;
        }
        fetchStatus().then(function (response) {
            if (!response.ok) {
                return null;
            }
            return response.json();
        }).then(function (status) {
            if (status) {
                renderCluster(status);
            }
        }).catch(function () {
            // unreachable: the next refresh will tell
        }).then(function () {
            statusTimer = setTimeout(refreshStatus, STATUS_REFRESH_MS);
        });
    }

    // ---------------------------------------------------------------- online history

    function refreshHistory() {
        clearTimeout(historyTimer);
        if (!token) {
            $('history-note').textContent = 'The history needs a token that may read /activity/status.';
            return;
        }
        var headers = { Authorization: 'Bearer ' + token };
        fetch('/activity/history?minutes=' + HISTORY_MINUTES, { headers: headers, cache: 'no-store', credentials: 'omit' })
            .then(function (response) {
                if (!response.ok) {
                    $('history-note').textContent = response.status === 403
                        ? 'This token may not read the history.' : 'History unavailable (' + response.status + ').';
                    return null;
                }
                return response.json();
            }).then(function (history) {
                if (history && Array.isArray(history.points)) {
                    renderHistory(history.points);
                }
            }).catch(function () {
                $('history-note').textContent = 'History unavailable: the server did not answer.';
            }).then(function () {
                historyTimer = setTimeout(refreshHistory, HISTORY_REFRESH_MS);
            });
    }

    var SVG = 'http://www.w3.org/2000/svg';
    var CHART = { width: 960, height: 220, left: 44, right: 8, top: 10, bottom: 22 };

    function svg(name, attributes, text) {
        var element = document.createElementNS(SVG, name);
        Object.keys(attributes).forEach(function (key) {
            element.setAttribute(key, attributes[key]);
        });
        if (text !== undefined) {
            element.textContent = text;
        }
        return element;
    }

    /** Online users per minute as one line per role, on a time axis of the minutes asked for, ending now. */
    function renderHistory(points) {
        var chart = $('history-chart');
        var end = Date.now();
        var start = end - HISTORY_MINUTES * 60000;
        var max = 1;
        points.forEach(function (point) {
            CHANNELS.forEach(function (spec) {
                max = Math.max(max, point[spec.key] || 0);
            });
        });
        var plotWidth = CHART.width - CHART.left - CHART.right;
        var plotHeight = CHART.height - CHART.top - CHART.bottom;
        function x(millis) {
            return (CHART.left + plotWidth * Math.min(1, Math.max(0, (millis - start) / (end - start)))).toFixed(1);
        }
        function y(value) {
            return (CHART.top + plotHeight * (1 - value / max)).toFixed(1);
        }
        var fragment = document.createDocumentFragment();
        [0, 0.5, 1].forEach(function (share) {
            var value = Math.round(max * share);
            fragment.appendChild(svg('line', { class: 'grid', x1: CHART.left, x2: CHART.width - CHART.right, y1: y(value), y2: y(value) }));
            fragment.appendChild(svg('text', { class: 'axis-label', x: CHART.left - 6, y: Number(y(value)) + 4, 'text-anchor': 'end' }, formatNumber(value)));
        });
        fragment.appendChild(svg('text', { class: 'axis-label', x: CHART.left, y: CHART.height - 4 }, formatClock(new Date(start))));
        fragment.appendChild(svg('text', { class: 'axis-label', x: CHART.width - CHART.right, y: CHART.height - 4, 'text-anchor': 'end' }, formatClock(new Date(end))));
        CHANNELS.forEach(function (spec) {
            var coordinates = points.map(function (point) {
                return x(Date.parse(point.at)) + ',' + y(point[spec.key] || 0);
            });
            fragment.appendChild(svg('polyline', { class: 'series', 'data-role': spec.key, points: coordinates.join(' ') }));
            points.forEach(function (point, index) {
                var xy = coordinates[index].split(',');
                var dot = svg('circle', { class: 'point', 'data-role': spec.key, cx: xy[0], cy: xy[1], r: 2.5 });
                dot.appendChild(svg('title', {}, spec.label + ' ' + formatNumber(point[spec.key] || 0) + ' at '
                    + formatClock(new Date(Date.parse(point.at)))));
                fragment.appendChild(dot);
            });
        });
        chart.replaceChildren(fragment);
        $('history-note').textContent = points.length
            ? points.length + (points.length === 1 ? ' minute' : ' minutes') + ' of the last ' + HISTORY_MINUTES
                + ' · refreshed ' + formatClock(new Date(end))
            : 'No minutes recorded yet.';
    }

    // ---------------------------------------------------------------- rendering

    function $(id) {
        return document.getElementById(id);
    }

    function scheduleRender(key) {
        renderSummary(channels[key]);
        if (key === view.tab && !renderQueued) {
            renderQueued = true;
            window.requestAnimationFrame(function () {
                renderQueued = false;
                renderTable();
            });
        }
    }

    function renderHeader(summary) {
        var counts = summary.counts;
        var totalOnline = 0;
        CHANNELS.forEach(function (spec) {
            var role = counts && counts[spec.key];
            $('summary-' + spec.key).textContent = role
                ? formatNumber(role.online) + ' / ' + formatNumber(role.total) : '–';
            totalOnline += role ? role.online : 0;
        });
        document.title = totalOnline + ' online · School activity';
    }

    function renderMeta(channel, now) {
        var parts = [];
        if (channel.seq !== null) {
            parts.push('seq ' + channel.seq);
        }
        if (channel.lastKind) {
            parts.push(channel.lastKind);
        }
        parts.push(formatBytes(channel.bytesPerWindow(now)) + '/min received');
        $(channel.key + '-meta').textContent = parts.join(' · ');
    }

    function renderTraffic(now) {
        var total = 0;
        var parts = allChannels().map(function (channel) {
            var bytes = channel.bytesPerWindow(now);
            total += bytes;
            return channel.label.toLowerCase() + ' ' + formatBytes(bytes);
        });
        $('traffic').textContent = 'Received in the last minute: ' + formatBytes(total) + ' (' + parts.join(', ') + ')';
    }

    function renderSummary(channel) {
        var key = channel.key;
        $(key + '-online').textContent = formatNumber(channel.online);
        $(key + '-total').textContent = formatNumber(channel.total);
        $('tab-' + key).textContent = channel.online === null ? '' : formatNumber(channel.online);
        var share = channel.total ? Math.min(100, 100 * channel.online / channel.total) : 0;
        $(key + '-bar').style.width = share.toFixed(1) + '%';
        renderUpdated(channel, Date.now());
        renderMeta(channel, Date.now());
    }

    function renderUpdated(channel, now) {
        var element = $(channel.key + '-updated');
        if (!channel.receivedAt) {
            element.textContent = 'No update yet';
            return;
        }
        var stamp = channel.serverTime || new Date(channel.receivedAt);
        element.textContent = 'Updated ' + formatClock(stamp) + ' · ' + formatAgo(now - channel.receivedAt);
        element.title = 'Snapshot taken at ' + stamp.toISOString();
    }

    function renderState(channel) {
        var element = $(channel.key + '-state');
        if (!element) {
            return;
        }
        var text;
        switch (channel.state) {
            case 'connected':
                text = channel.detail ? 'Connected, ' + channel.detail : 'Live';
                break;
            case 'connecting':
                text = 'Connecting…';
                break;
            case 'retrying':
                text = 'Retrying in ' + Math.max(1, Math.ceil((channel.retryAt - Date.now()) / 1000)) + ' s'
                    + (channel.detail ? ' (' + channel.detail + ')' : '');
                break;
            case 'stale':
                text = 'No update for ' + formatDuration(Date.now() - channel.receivedAt);
                break;
            case 'rejected':
                text = 'Token rejected';
                break;
            default:
                text = 'Not connected';
        }
        element.dataset.state = channel.state;
        element.querySelector('.state-text').textContent = text;
    }

    function renderCluster(status) {
        var parts = [];
        if (typeof status.instances === 'number') {
            parts.push(status.instances + (status.instances === 1 ? ' broadcaster instance' : ' broadcaster instances'));
        }
        parts.push('dashboards connected: ' + [
            'students ' + formatNumber(status.student_connections),
            'teachers ' + formatNumber(status.teacher_connections),
            'parents ' + formatNumber(status.parent_connections)
        ].join(', '));
        if (typeof status.max_connections === 'number') {
            parts.push('limit ' + formatNumber(status.max_connections) + ' per channel per instance');
        }
        $('cluster').textContent = parts.join(' · ');
    }

    /** A row template cloned per user: much cheaper than building five cells from scratch. */
    var rowTemplate = (function () {
        var row = document.createElement('tr');
        ['name', 'phone', 'status-cell', 'time', 'numeric'].forEach(function (cls) {
            var cell = document.createElement('td');
            cell.className = cls;
            row.appendChild(cell);
        });
        var status = document.createElement('span');
        status.className = 'status';
        row.children[2].appendChild(status);
        return row;
    })();

    function renderTable() {
        var channel = channels[view.tab];
        var matches = filterUsers(channel.users);
        var shown = Math.min(matches.length, view.limit);
        var fragment = document.createDocumentFragment();
        var now = Date.now();
        for (var i = 0; i < shown; i++) {
            fragment.appendChild(buildRow(matches[i], now));
        }
        $('table-body').replaceChildren(fragment);
        $('table-empty').hidden = shown > 0 || channel.receivedAt === 0;
        var total = channel.users.length;
        var filtered = view.query || view.onlineOnly;
        $('table-count').textContent = channel.receivedAt === 0 ? 'Waiting for data…'
            : 'Showing ' + formatNumber(shown) + ' of ' + formatNumber(matches.length)
                + (filtered ? ' (' + formatNumber(total) + ' ' + channel.label.toLowerCase() + ' in all)' : '');
        $('more').hidden = shown >= matches.length;
    }

    function buildRow(user, now) {
        var row = rowTemplate.cloneNode(true);
        var cells = row.children;
        cells[0].textContent = user.full_name || '—';
        cells[1].textContent = user.phone || '—';
        var status = cells[2].firstChild;
        if (user.is_online) {
            status.className = 'status on';
            status.textContent = 'Online';
        } else {
            status.textContent = 'Offline';
        }
        var lastActive = parseTime(user.last_active);
        if (lastActive) {
            cells[3].textContent = formatAgo(now - lastActive.getTime());
            cells[3].title = lastActive.toLocaleString();
        } else {
            cells[3].textContent = 'never';
        }
        cells[4].textContent = String(user.user_id);
        return row;
    }

    function filterUsers(users) {
        var query = view.query;
        var digits = query.replace(/\D/g, '');
        if (!query && !view.onlineOnly) {
            return users;
        }
        return users.filter(function (user) {
            if (view.onlineOnly && !user.is_online) {
                return false;
            }
            if (!query) {
                return true;
            }
            var name = (user.full_name || '').toLowerCase();
            if (name.indexOf(query) !== -1) {
                return true;
            }
            var phone = user.phone || '';
            return digits.length > 0 ? phone.replace(/\D/g, '').indexOf(digits) !== -1 : phone.indexOf(query) !== -1;
        });
    }

    // ---------------------------------------------------------------- formatting

    /** Server times are UTC; a time without a zone (the seed's format) is read as UTC too. */
    function parseTime(value) {
        if (typeof value !== 'string' || !value) {
            return null;
        }
        var millis = Date.parse(toUtc(value));
        return isNaN(millis) ? null : new Date(millis);
    }

    function toUtc(value) {
        return /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : value + 'Z';
    }

    function formatBytes(bytes) {
        if (bytes < 1024) {
            return bytes + ' B';
        }
        if (bytes < 1024 * 1024) {
            return (bytes / 1024).toFixed(1) + ' KB';
        }
        return (bytes / 1024 / 1024).toFixed(2) + ' MB';
    }

    function countOnline(users) {
        return users.reduce(function (sum, user) {
            return sum + (user.is_online ? 1 : 0);
        }, 0);
    }

    var numberFormat = new Intl.NumberFormat();

    function formatNumber(value) {
        return typeof value === 'number' ? numberFormat.format(value) : '–';
    }

    function formatClock(date) {
        return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
    }

    function formatAgo(millis) {
        return millis < 1500 ? 'just now' : formatDuration(millis) + ' ago';
    }

    function formatDuration(millis) {
        var seconds = Math.max(0, Math.round(millis / 1000));
        if (seconds < 60) {
            return seconds + ' s';
        }
        var minutes = Math.floor(seconds / 60);
        if (minutes < 60) {
            return minutes + ' min';
        }
        var hours = Math.floor(minutes / 60);
        if (hours < 48) {
            return hours + ' h';
        }
        return Math.floor(hours / 24) + ' d';
    }

    function showNotice(text, kind) {
        var notice = $('notice');
        notice.textContent = text;
        notice.dataset.kind = kind;
        notice.hidden = false;
    }

    function hideNotice() {
        $('notice').hidden = true;
    }

    // ---------------------------------------------------------------- wiring

    function selectTab(key) {
        view.tab = key;
        view.limit = PAGE_SIZE;
        document.querySelectorAll('.tab').forEach(function (tab) {
            tab.setAttribute('aria-selected', String(tab.dataset.tab === key));
        });
        renderTable();
    }

    function init() {
        CHANNELS.forEach(function (spec) {
            channels[spec.key] = new Channel(spec, ROLE_QUERY, applyRoleMessage);
        });
        channels[SUMMARY.key] = new Channel(SUMMARY, '', applySummary);

        document.querySelectorAll('.tab').forEach(function (tab) {
            tab.addEventListener('click', function () {
                selectTab(tab.dataset.tab);
            });
        });

        var searchTimer = null;
        $('search').addEventListener('input', function (event) {
            clearTimeout(searchTimer);
            searchTimer = setTimeout(function () {
                view.query = event.target.value.trim().toLowerCase();
                view.limit = PAGE_SIZE;
                renderTable();
            }, SEARCH_DEBOUNCE_MS);
        });
        $('online-only').addEventListener('change', function (event) {
            view.onlineOnly = event.target.checked;
            view.limit = PAGE_SIZE;
            renderTable();
        });
        $('show-more').addEventListener('click', function () {
            view.limit += PAGE_SIZE;
            renderTable();
        });
        $('show-all').addEventListener('click', function () {
            view.limit = Infinity;
            renderTable();
        });

        $('token-form').addEventListener('submit', function (event) {
            event.preventDefault();
            var input = $('token-input');
            var value = input.value.trim();
            if (value) {
                setToken(value);
                input.value = '';
            }
            startAll();
        });
        $('forget-token').addEventListener('click', function () {
            setToken('');
            stopAll();
            clearTimeout(statusTimer);
            clearTimeout(historyTimer);
            showNotice('Disconnected; the token of this tab is forgotten.', 'warn');
        });

        // Once a second: ages, countdowns, silent channels and the bytes of the last minute.
        setInterval(function () {
            var now = Date.now();
            allChannels().forEach(function (channel) {
                channel.checkSilence(now);
                if (channel.key !== SUMMARY.key) {
                    renderUpdated(channel, now);
                    renderMeta(channel, now);
                }
                if (channel.state === 'retrying' || channel.state === 'stale') {
                    renderState(channel);
                }
            });
            renderTraffic(now);
        }, 1000);

        renderTable();
        startAll();
    }

    document.addEventListener('DOMContentLoaded', init);
})();

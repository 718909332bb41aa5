/*
 * Live activity dashboard: one WebSocket per role channel, each reconnecting by itself with exponential backoff and
 * jitter. The token comes from #access_token= or ?access_token= (then removed from the address bar) or the token
 * field, and is kept in this tab's sessionStorage only. It goes to the channels as a Sec-WebSocket-Protocol value,
 * never in a URL, so no access log sees it. All user data is rendered as text, never as HTML.
 */
(function () {
    'use strict';

    var CHANNELS = [
        { key: 'students', type: 'student_activity_update', label: 'Students' },
        { key: 'teachers', type: 'teacher_activity_update', label: 'Teachers' },
        { key: 'parents', type: 'parent_activity_update', label: 'Parents' }
    ];
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

    function Channel(spec) {
        this.key = spec.key;
        this.type = spec.type;
        this.label = spec.label;
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
    }

    Channel.prototype.url = function () {
        var scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
        return scheme + '//' + window.location.host + '/ws/' + this.key;
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
        var message;
        try {
            message = JSON.parse(text);
        } catch (e) {
            return; // not ours: ignore rather than break the page
        }
        if (!message || message.type !== this.type || !Array.isArray(message.data)) {
            return;
        }
        this.users = message.data;
        this.total = typeof message.total_users === 'number' ? message.total_users : message.data.length;
        this.online = typeof message.online_users === 'number' ? message.online_users : countOnline(message.data);
        this.serverTime = parseTime(message.timestamp);
        this.receivedAt = Date.now();
        this.attempt = 0; // a snapshot arrived: the connection works, start backoff afresh next time
        this.setState('connected', '');
        hideNotice();
        scheduleRender(this.key);
    };

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
        CHANNELS.forEach(function (spec) {
            channels[spec.key].start();
        });
        refreshStatus();
    }

    function stopAll() {
        CHANNELS.forEach(function (spec) {
            channels[spec.key].stop();
        });
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
                CHANNELS.forEach(function (spec) {
                    channels[spec.key].setState('rejected', '');
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

    function renderSummary(channel) {
        var key = channel.key;
        $(key + '-online').textContent = formatNumber(channel.online);
        $(key + '-total').textContent = formatNumber(channel.total);
        $('tab-' + key).textContent = channel.online === null ? '' : formatNumber(channel.online);
        var share = channel.total ? Math.min(100, 100 * channel.online / channel.total) : 0;
        $(key + '-bar').style.width = share.toFixed(1) + '%';
        renderUpdated(channel, Date.now());
        var totalOnline = 0;
        CHANNELS.forEach(function (spec) {
            totalOnline += channels[spec.key].online || 0;
        });
        document.title = totalOnline + ' online · School activity';
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
        var text = /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : value + 'Z';
        var millis = Date.parse(text);
        return isNaN(millis) ? null : new Date(millis);
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
            channels[spec.key] = new Channel(spec);
        });

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
            showNotice('Disconnected; the token of this tab is forgotten.', 'warn');
        });

        // Once a second: ages, countdowns and silent channels.
        setInterval(function () {
            var now = Date.now();
            CHANNELS.forEach(function (spec) {
                var channel = channels[spec.key];
                channel.checkSilence(now);
                renderUpdated(channel, now);
                if (channel.state === 'retrying' || channel.state === 'stale') {
                    renderState(channel);
                }
            });
        }, 1000);

        renderTable();
        startAll();
    }

    document.addEventListener('DOMContentLoaded', init);
})();

/* Tributary dashboard: reads the filters from the URL, asks the REST API, and draws what it answers.
   Text from the API goes into the page through textContent only; links are built with URLSearchParams. */
(function () {
  'use strict';
  var query = new URLSearchParams(location.search);
  var SCOPE = ['release', 'repository', 'module', 'since', 'until', 'bots'];
  var charts = [];

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function scope(extra) {
    var p = new URLSearchParams();
    SCOPE.forEach(function (k) { var v = query.get(k); if (v) { p.set(k, v); } });
    Object.keys(extra || {}).forEach(function (k) { p.set(k, extra[k]); });
    return p;
  }

  function link(path, extra, text) {
    return el('a', { href: path + '?' + scope(extra).toString() }, text);
  }

  function api(path, params) {
    var url = '/api/v1' + path + (params ? '?' + params.toString() : '');
    return fetch(url, { headers: { Accept: 'application/json' } }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) { throw new Error(body.error || ('HTTP ' + r.status)); }
        return body;
      });
    });
  }

  /* one colour per organization on the page, the same in every chart (the report's palette and greys) */
  var PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f',
    '#2f4b7c', '#a0cbe8', '#ffbe7d', '#8cd17d', '#ff9d9a', '#86bcb6', '#f1ce63', '#d4a6c8', '#d7b5a6'];
  var colors = { Unknown: '#9e9e9e', Independent: '#616161', Other: '#cfcfcf' }, nextColor = 0;
  function colorOf(name) {
    if (!colors.hasOwnProperty(name)) { colors[name] = PALETTE[nextColor++ % PALETTE.length]; }
    return colors[name];
  }

  function num(n) { return Number(n).toLocaleString('en'); }
  function pct(x) { return (100 * x).toFixed(1) + '%'; }

  function figures(list) {
    var dl = document.getElementById('figures');
    dl.textContent = '';
    list.forEach(function (f) {
      var d = el('div', { 'class': 'figure', id: 'fig-' + f[0] });
      d.appendChild(el('dt', null, f[1]));
      d.appendChild(el('dd', null, f[2]));
      dl.appendChild(d);
    });
  }

  function section(title, id) {
    var s = el('section', id ? { id: id } : null);
    s.appendChild(el('h2', null, title));
    document.getElementById('content').appendChild(s);
    return s;
  }

  /* columns: [heading, function(row) -> text or Node, numeric?]; no rows: a line saying so, not an empty grid */
  function table(parent, id, columns, rows, empty) {
    if (!rows || rows.length === 0) {
      parent.appendChild(el('p', { 'class': 'empty', id: id }, empty || 'Nothing in this scope.'));
      return;
    }
    var t = el('table', { id: id });
    var tr = el('tr');
    columns.forEach(function (c) { tr.appendChild(el('th', { scope: 'col' }, c[0])); });
    t.appendChild(el('thead')).appendChild(tr);
    var body = t.appendChild(el('tbody'));
    rows.forEach(function (r) {
      var row = el('tr');
      columns.forEach(function (c) {
        var v = c[1](r);
        var td = el('td', c[2] ? { 'class': 'n' } : null);
        if (v instanceof Node) { td.appendChild(v); } else { td.textContent = v === null || v === undefined ? '' : String(v); }
        row.appendChild(td);
      });
      body.appendChild(row);
    });
    parent.appendChild(t);
  }

  function chart(parent, id, option) {
    var div = el('div', { 'class': 'chart', id: id });
    parent.appendChild(div);
    var c = echarts.init(div, null, { renderer: 'canvas' });
    option.animation = false;
    c.setOption(option);
    charts.push(c);
  }

  function stacked(points) {
    var periods = [], groups = [], by = {};
    points.forEach(function (p) {
      if (periods.indexOf(p.period) < 0) { periods.push(p.period); }
      if (p.group === 'all') { return; }
      if (groups.indexOf(p.group) < 0) { groups.push(p.group); }
      by[p.group + '\u0000' + p.period] = p.value;
    });
    return {
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 50, right: 20, top: 40, bottom: 40 },
      xAxis: { type: 'category', data: periods },
      yAxis: { type: 'value', minInterval: 1 },
      series: groups.map(function (g) {
        var c = colorOf(g);
        return { name: g, type: 'line', stack: 'total', areaStyle: { color: c }, itemStyle: { color: c }, lineStyle: { color: c },
          symbol: 'none', data: periods.map(function (t) { return by[g + '\u0000' + t] || 0; }) };
      })
    };
  }

  function peopleTable(parent, id, rows) {
    table(parent, id, [
      ['name', function (d) { return link('/person', { id: d.email }, d.name); }],
      ['organization', function (d) { return link('/organization', { name: d.organization }, d.organization); }],
      ['changesets', function (d) { return num(d.changesets); }, true],
      ['added', function (d) { return num(d.linesAdded); }, true],
      ['removed', function (d) { return num(d.linesRemoved); }, true],
      ['share', function (d) { return pct(d.share); }, true]
    ], rows);
  }

  function orgTable(parent, id, rows) {
    table(parent, id, [
      ['organization', function (o) { return link('/organization', { name: o.name }, o.name); }],
      ['changesets', function (o) { return num(o.changesets); }, true],
      ['developers', function (o) { return num(o.developers); }, true],
      ['added', function (o) { return num(o.linesAdded); }, true],
      ['removed', function (o) { return num(o.linesRemoved); }, true],
      ['share', function (o) { return pct(o.share); }, true]
    ], rows);
  }

  function overview() {
    return Promise.all([api('/summary', scope({ top: 10 })), api('/report', scope({ top: 15 })),
      api('/metrics', scope({ metric: 'commits', interval: 'month', by: 'organization', top: 8 }))])
      .then(function (r) {
        var s = r[0], rep = r[1];
        document.getElementById('title').textContent = rep.title;
        figures([['commits', 'commits', num(s.commits)], ['contributors', 'contributors', num(s.contributors)],
          ['organizations', 'organizations', num(s.organizations)],
          ['lines', 'lines', '+' + num(s.linesAdded) + ' −' + num(s.linesRemoved)],
          ['elephant', 'elephant factor', s.elephantFactor], ['pony', 'pony factor', s.ponyFactor],
          ['unknown', 'Unknown share', pct(s.unknownShare)]]);
        chart(section('Commits per month, by organization'), 'chart-commits', stacked(r[2]));
        orgTable(section('Top organizations', 'organizations'), 'top-organizations', rep.byOrganization);
        peopleTable(section('Top people', 'people'), 'top-people', rep.byDeveloper);
        return patchReview();
      });
  }

  function ranges(r) {
    return Object.keys(r.ranges || {}).map(function (k) { return k + ' ' + r.ranges[k]; }).join(', ');
  }

  /* an organization's share as a horizontal bar each, the top rows and one Other bar for the rest */
  function shareBars(rows) {
    var covered = 0;
    rows.forEach(function (o) { covered += o.share; });
    var data = rows.map(function (o) { return { name: o.name, share: o.share }; });
    if (rows.length && covered < 0.9995) { data.push({ name: 'Other', share: 1 - covered }); }
    return {
      tooltip: { trigger: 'item', renderMode: 'richText' },
      grid: { left: 130, right: 60, top: 10, bottom: 10 },
      xAxis: { type: 'value', max: 1, show: false },
      yAxis: { type: 'category', inverse: true, data: data.map(function (d) { return d.name; }),
        axisLabel: { width: 120, overflow: 'truncate' }, axisTick: { show: false } },
      series: [{ type: 'bar', name: 'share of changesets',
        data: data.map(function (d) { return { value: d.share, itemStyle: { color: colorOf(d.name) } }; }),
        label: { show: true, position: 'right', formatter: function (p) { return (100 * p.value).toFixed(1) + '%'; } } }]
    };
  }

  /* Patch review on the collected lists (docs/mail.md): shown only when a list has patches. */
  function patchReview() {
    var p = new URLSearchParams();
    ['since', 'until'].forEach(function (k) { if (query.get(k)) { p.set(k, query.get(k)); } });
    if (query.get('bots')) { p.set('includeBots', 'true'); }
    p.set('metric', 'patches,series,review-trailers,reviewers,time-to-first-response-median,time-to-first-review-median,'
      + 'unanswered-patches,series-accepted');
    p.set('by', 'organization');
    p.set('top', '10');
    return api('/patches', p).then(function (points) {
      var all = {}, orgs = {}, order = [];
      points.forEach(function (x) {
        if (x.group === 'all') { all[x.metric] = x.value; return; }
        if (x.metric !== 'review-trailers' && x.metric !== 'reviewers') { return; }
        if (!orgs[x.group]) { orgs[x.group] = {}; order.push(x.group); }
        orgs[x.group][x.metric] = x.value;
      });
      if (!all.patches) { return; }
      var s = section('Patch review', 'patch-review');
      var hours = function (k) { return all[k] === undefined ? '—' : all[k].toFixed(1) + ' h'; };
      table(s, 'patch-figures', [['figure', function (r) { return r[0]; }], ['value', function (r) { return r[1]; }, true]], [
        ['patches', num(all.patches)], ['series', num(all.series || 0)], ['review trailers', num(all['review-trailers'] || 0)],
        ['reviewers', num(all.reviewers || 0)], ['median time to first response', hours('time-to-first-response-median')],
        ['median time to first review', hours('time-to-first-review-median')],
        ['patches with no reply', num(all['unanswered-patches'] || 0)], ['series accepted', num(all['series-accepted'] || 0)]]);
      order.sort(function (a, b) { return (orgs[b]['review-trailers'] || 0) - (orgs[a]['review-trailers'] || 0); });
      table(s, 'patch-reviewers', [['organization', function (g) { return g; }],
        ['review trailers', function (g) { return num(orgs[g]['review-trailers'] || 0); }, true],
        ['reviewers', function (g) { return num(orgs[g].reviewers || 0); }, true]], order);
    });
  }

  /* code review: change requests over time, reviews by organization, the review matrix, time to first response.
     Its scope is the review API's: release, module, since, until (a repository or bots do not apply). */
  function reviewScope(extra) {
    var p = new URLSearchParams();
    ['release', 'module', 'since', 'until'].forEach(function (k) { var v = query.get(k); if (v) { p.set(k, v); } });
    Object.keys(extra || {}).forEach(function (k) { p.set(k, extra[k]); });
    return p;
  }

  function hoursText(v) { return v === null || v === undefined ? '—' : v.toFixed(1) + ' h'; }

  function reviewMatrixChart(cells) {
    var rows = [], cols = [], max = 0;
    cells.forEach(function (c) {
      if (rows.indexOf(c.reviewerOrganization) < 0) { rows.push(c.reviewerOrganization); }
      if (cols.indexOf(c.authorOrganization) < 0) { cols.push(c.authorOrganization); }
      if (c.reviews > max) { max = c.reviews; }
    });
    return {
      tooltip: { renderMode: 'richText' },
      grid: { left: 160, right: 20, top: 10, bottom: 120 },
      xAxis: { type: 'category', data: cols, name: 'author', axisLabel: { rotate: 40 } },
      yAxis: { type: 'category', data: rows, name: 'reviewer', inverse: true },
      visualMap: { min: 0, max: Math.max(1, max), calculable: true, orient: 'horizontal', left: 'center', bottom: 0 },
      series: [{ name: 'reviews', type: 'heatmap', label: { show: true },
        data: cells.map(function (c) { return [cols.indexOf(c.authorOrganization), rows.indexOf(c.reviewerOrganization), c.reviews]; }) }]
    };
  }

  function seriesOf(points, metric) {
    return points.filter(function (p) { return p.metric === metric && p.group === 'all'; });
  }

  function reviews() {
    var FIGURES = 'change-requests-new,change-requests-accepted,change-requests-declined,change-requests-open,reviews,reviewers,'
      + 'first-response-median-hours,first-response-p90-hours,first-review-median-hours,duration-median-hours';
    return api('/reviews/containers').then(function (containers) {
      document.getElementById('title').textContent = 'Code review';
      if (containers.length === 0) {
        document.getElementById('content').appendChild(el('p', { 'class': 'empty', id: 'empty' },
          'No pull requests or Gerrit changes in the store (tributary collect github, tributary collect gerrit).'));
        return;
      }
      return Promise.all([api('/reviews', reviewScope({ metric: FIGURES })),
        api('/reviews', reviewScope({ metric: 'change-requests-new,change-requests-accepted,change-requests-declined,first-response-median-hours',
          interval: 'month' })),
        api('/reviews/reviewers', reviewScope({ by: 'organization', top: 25 })), api('/reviews/matrix', reviewScope())]).then(function (r) {
        var all = {};
        r[0].forEach(function (p) { all[p.metric] = p.value; });
        figures([['change-requests', 'change requests opened', num(all['change-requests-new'] || 0)],
          ['accepted', 'accepted', num(all['change-requests-accepted'] || 0)],
          ['declined', 'declined', num(all['change-requests-declined'] || 0)],
          ['open', 'open at the end', num(all['change-requests-open'] || 0)],
          ['reviews', 'reviews', num(all.reviews || 0)], ['reviewers', 'reviewers', num(all.reviewers || 0)],
          ['first-response', 'median time to first response', hoursText(all['first-response-median-hours'])],
          ['first-response-p90', 'p90 time to first response', hoursText(all['first-response-p90-hours'])],
          ['first-review', 'median time to first review', hoursText(all['first-review-median-hours'])],
          ['duration', 'median time to merge', hoursText(all['duration-median-hours'])]]);
        var monthly = r[1];
        var periods = seriesOf(monthly, 'change-requests-new').map(function (p) { return p.period; });
        chart(section('Change requests per month', 'review-requests'), 'chart-review-requests', {
          tooltip: { trigger: 'axis', renderMode: 'richText' }, legend: { top: 0 },
          grid: { left: 50, right: 20, top: 40, bottom: 40 },
          xAxis: { type: 'category', data: periods }, yAxis: { type: 'value', minInterval: 1 },
          series: [['change-requests-new', 'opened'], ['change-requests-accepted', 'accepted'], ['change-requests-declined', 'declined']]
            .map(function (m) {
              return { name: m[1], type: 'bar', data: seriesOf(monthly, m[0]).map(function (p) { return p.value || 0; }) };
            })
        });
        chart(section('Time to first response, median per month (change requests opened that month)', 'review-response'),
          'chart-first-response', {
            tooltip: { trigger: 'axis', renderMode: 'richText' }, grid: { left: 50, right: 20, top: 20, bottom: 40 },
            xAxis: { type: 'category', data: periods }, yAxis: { type: 'value', name: 'hours' },
            series: [{ name: 'median hours', type: 'line', connectNulls: false,
              data: seriesOf(monthly, 'first-response-median-hours').map(function (p) { return p.value; }) }]
          });
        var state = function (o, s) { return num((o.byState || {})[s] || 0); };
        table(section('Reviews by organization', 'review-organizations'), 'review-organizations-table', [
          ['organization', function (o) { return o.name; }], ['reviews', function (o) { return num(o.reviews); }, true],
          ['approve', function (o) { return state(o, 'APPROVED'); }, true],
          ['changes requested', function (o) { return state(o, 'CHANGES_REQUESTED'); }, true],
          ['comment', function (o) { return state(o, 'COMMENTED'); }, true],
          ['changes reviewed', function (o) { return num(o.changes); }, true], ['comments', function (o) { return num(o.comments); }, true]],
          r[2], 'No reviews in this scope.');
        var m = section('Who reviews whom: reviews by the reviewer\'s organization (rows) on changes by the author\'s (columns)',
          'review-matrix');
        if (r[3].length === 0) {
          m.appendChild(el('p', { 'class': 'empty', id: 'chart-review-matrix' }, 'No reviews of others\' changes in this scope.'));
        } else {
          chart(m, 'chart-review-matrix', reviewMatrixChart(r[3]));
        }
      });
    });
  }

  function release() {
    if (!query.get('release')) {
      return api('/releases').then(function (rels) {
        document.getElementById('title').textContent = 'Releases';
        table(section('Releases'), 'releases', [
          ['release', function (r) { return link('/release', { release: r.name }, r.name); }],
          ['ranges', ranges],
          ['since', function (r) { return r.since; }], ['until', function (r) { return r.until; }]], rels,
          'No releases: the server was started without a project file, or it declares none.');
      });
    }
    return Promise.all([api('/report', scope({ top: 25 })), api('/releases'),
      api('/metrics', scope({ metric: 'commits', interval: 'month', by: 'organization', top: 8 }))]).then(function (r) {
      var rep = r[0], rel = r[1].filter(function (x) { return x.name === query.get('release'); })[0];
      document.getElementById('title').textContent = rep.title;
      figures([['changesets', 'changesets', num(rep.changesets)], ['developers', 'developers', num(rep.developers)],
        ['organizations', 'organizations', num(rep.organizations)],
        ['lines', 'lines', '+' + num(rep.linesAdded) + ' −' + num(rep.linesRemoved)]]);
      if (rel) {
        document.getElementById('content').appendChild(el('p', { 'class': 'note', id: 'release-ranges' },
          'Ranges: ' + (ranges(rel) || 'every repository\'s history') + (rel.since ? '; since ' + rel.since : '')
            + (rel.until ? '; until ' + rel.until : '')));
      }
      if (rep.changesets === 0) {
        document.getElementById('content').appendChild(el('p', { 'class': 'empty', id: 'empty' },
          'No changesets in this release (were its ranges collected? run tributary report --project FILE --release NAME).'));
        return;
      }
      chart(section('Share of changesets, by organization', 'release-share'), 'chart-release-share', shareBars(rep.byOrganization.slice(0, 10)));
      chart(section('Commits per month, by organization', 'release-commits'), 'chart-release-commits', stacked(r[2]));
      orgTable(section('Organizations by changesets'), 'top-organizations', rep.byOrganization);
      peopleTable(section('Developers by changesets'), 'top-people', rep.byDeveloper);
    });
  }

  function organization() {
    var name = query.get('name') || '';
    return api('/organizations/' + encodeURIComponent(name), scope({ interval: 'month' })).then(function (o) {
      document.getElementById('title').textContent = o.organization.name;
      figures([['changesets', 'changesets', num(o.organization.changesets)],
        ['developers', 'developers', num(o.organization.developers)],
        ['lines', 'lines', '+' + num(o.organization.linesAdded) + ' −' + num(o.organization.linesRemoved)],
        ['share', 'share of changesets', pct(o.organization.share)]]);
      chart(section('Commits and contributors per month'), 'chart-organization', {
        tooltip: { trigger: 'axis', renderMode: 'richText' }, legend: { top: 0 },
        grid: { left: 50, right: 20, top: 40, bottom: 40 },
        xAxis: { type: 'category', data: o.series.filter(function (p) { return p.metric === 'commits'; }).map(function (p) { return p.period; }) },
        yAxis: { type: 'value', minInterval: 1 },
        series: ['commits', 'contributors'].map(function (m) {
          return { name: m, type: 'line', symbol: 'none', data: o.series.filter(function (p) { return p.metric === m; }).map(function (p) { return p.value; }) };
        })
      });
      peopleTable(section('People (by their main organization in scope)', 'people'), 'org-people', o.people);
      var inv = o.investment;
      table(section('Everyone who worked for it in scope (commits made while there)', 'investment-people'), 'org-investment-people',
        [['name', function (x) { return link('/person', { id: x.id }, x.name); }], ['commits', function (x) { return num(x.commits); }, true],
          ['added', function (x) { return num(x.linesAdded); }, true], ['removed', function (x) { return num(x.linesRemoved); }, true],
          ['first', function (x) { return x.first; }], ['last', function (x) { return x.last; }]], inv.people);
      table(section('Share of the project per month', 'investment-periods'), 'org-periods',
        [['period', function (x) { return x.period; }], ['commits', function (x) { return num(x.commits); }, true],
          ['project', function (x) { return num(x.projectCommits); }, true], ['share', function (x) { return pct(x.share); }, true]],
        inv.periods);
      table(section(inv.modulesUsed ? 'Modules' : 'Top-level folders', 'modules'), 'org-modules',
        [['name', function (x) { return x.name; }], ['commits', function (x) { return num(x.commits); }, true],
          ['of all', function (x) { return num(x.areaCommits); }, true], ['share', function (x) { return pct(x.share); }, true],
          ['added', function (x) { return num(x.linesAdded); }, true], ['removed', function (x) { return num(x.linesRemoved); }, true]],
        inv.areas);
    });
  }

  function person() {
    var id = query.get('id') || '';
    return api('/people/' + encodeURIComponent(id)).then(function (d) {
      var p = d.person;
      document.getElementById('title').textContent = p.name;
      figures([['commits', 'commits (all stored activity)', num(p.commits)], ['organization', 'latest organization', p.organization || 'Unknown'],
        ['first', 'first commit', p.firstActivity], ['last', 'last commit', p.lastActivity]]);
      table(section('Identities', 'identities'), 'identities', [['name', function (i) { return i.name; }],
        ['email', function (i) { return i.email; }], ['repository', function (i) { return i.repository; }],
        ['commits', function (i) { return num(i.commits); }, true]], d.identities);
      table(section('Affiliations over time (from the commits)', 'stints'), 'stints', [
        ['organization', function (s) { return link('/organization', { name: s.organization }, s.organization); }],
        ['first', function (s) { return s.first; }], ['last', function (s) { return s.last; }],
        ['commits', function (s) { return num(s.commits); }, true]], d.stints);
      chart(section('Activity per month, by organization'), 'chart-person', {
        tooltip: { trigger: 'axis', renderMode: 'richText' }, legend: { top: 0 },
        grid: { left: 50, right: 20, top: 40, bottom: 40 },
        xAxis: { type: 'category', data: d.activity.map(function (a) { return a.period; }).filter(function (v, i, all) { return all.indexOf(v) === i; }) },
        yAxis: { type: 'value', minInterval: 1 },
        series: d.activity.map(function (a) { return a.organization; }).filter(function (v, i, all) { return all.indexOf(v) === i; }).map(function (org) {
          var periods = d.activity.map(function (a) { return a.period; }).filter(function (v, i, all) { return all.indexOf(v) === i; });
          return { name: org, type: 'bar', stack: 'c', data: periods.map(function (p) {
            var hit = d.activity.filter(function (a) { return a.period === p && a.organization === org; })[0];
            return hit ? hit.commits : 0; }) };
        })
      });
      table(section('Enrollments', 'enrollments'), 'enrollments', [['organization', function (e) { return e.organization; }],
        ['from', function (e) { return e.from; }], ['until', function (e) { return e.until; }],
        ['origin', function (e) { return e.origin; }]], d.enrollments);
    });
  }

  function fillFilters() {
    ['since', 'until', 'id'].forEach(function (k) { document.getElementById('f-' + k).value = query.get(k) || ''; });
    document.getElementById('f-bots').checked = query.get('bots') === 'true';
    document.getElementById('filters').setAttribute('action', location.pathname);
    // empty fields are left out of the URL, so that a shared link names only what was chosen
    document.getElementById('filters').addEventListener('submit', function (e) {
      e.preventDefault();
      var p = new URLSearchParams();
      new FormData(e.target).forEach(function (v, k) { if (v) { p.set(k, v); } });
      // an organization chosen opens its page; none chosen leaves an organization page for the overview
      var path = p.get('name') ? '/organization' : (location.pathname === '/organization' ? '/' : location.pathname);
      if (path !== '/person') { p.delete('id'); }
      location.assign(path + '?' + p.toString());
    });
    return Promise.all([api('/releases'), api('/repositories'), api('/organizations', scope({ top: 200 })), api('/modules')]).then(function (r) {
      var rel = document.getElementById('f-release'), repo = document.getElementById('f-repository');
      var mod = document.getElementById('f-module');
      r[3].forEach(function (x) { mod.appendChild(el('option', { value: x.name }, x.name)); });
      mod.value = query.get('module') || '';
      var org = document.getElementById('f-name');
      r[0].forEach(function (x) { rel.appendChild(el('option', { value: x.name }, x.name)); });
      r[1].forEach(function (x) { repo.appendChild(el('option', { value: x.name }, x.name)); });
      r[2].forEach(function (x) { org.appendChild(el('option', { value: x.name }, x.name)); });
      rel.value = query.get('release') || '';
      repo.value = query.get('repository') || '';
      org.value = query.get('name') || '';
    });
  }

  /* curation for admins: merge, split, enroll, the audit log and undo, all through the audit-logged API.
     The token stays in this tab (sessionStorage) and goes only in the Authorization header. */
  function admin() {
    document.getElementById('title').textContent = 'Curation';
    var content = document.getElementById('content');
    var status = el('p', { id: 'admin-status', 'class': 'note', role: 'status' });
    function token() { return sessionStorage.getItem('tributary-admin-token') || ''; }
    function call(method, path, body) {
      return fetch('/api/v1' + path, { method: method, headers: { Accept: 'application/json', 'Content-Type': 'application/json',
        Authorization: 'Bearer ' + token() }, body: body ? JSON.stringify(body) : undefined })
        .then(function (r) {
          return r.json().then(function (b) { if (!r.ok) { throw new Error(b.error || ('HTTP ' + r.status)); } return b; });
        });
    }
    function form(id, title, fields, action) {
      var s = section(title, id);
      var f = el('form', { 'class': 'admin', id: 'form-' + id });
      fields.forEach(function (x) {
        var l = el('label', null, x[1] + ' ');
        l.appendChild(el('input', { name: x[0], id: id + '-' + x[0], type: x[2] || 'text', autocomplete: 'off' }));
        f.appendChild(l);
      });
      f.appendChild(el('button', { type: 'submit', id: id + '-submit' }, title));
      f.addEventListener('submit', function (e) {
        e.preventDefault();
        var body = {};
        fields.forEach(function (x) { var v = f.elements[x[0]].value.trim(); if (v) { body[x[0]] = v; } });
        action(body).then(function (r) { status.textContent = '#' + r.id + ' ' + r.operation; f.reset(); return showLog(); })
          .catch(function (err) { status.textContent = 'Refused: ' + err.message; });
      });
      s.appendChild(f);
    }
    var tok = section('Admin token', 'token');
    var tf = el('form', { id: 'form-token', 'class': 'admin' });
    var ti = el('input', { type: 'password', id: 'token-value', autocomplete: 'off', placeholder: 'serve --admin-token' });
    tf.appendChild(ti);
    tf.appendChild(el('button', { type: 'submit', id: 'token-submit' }, 'Use'));
    tf.addEventListener('submit', function (e) {
      e.preventDefault();
      sessionStorage.setItem('tributary-admin-token', ti.value);
      ti.value = '';
      showLog().then(function () { status.textContent = 'Token accepted.'; }).catch(function (err) { status.textContent = err.message; });
    });
    tok.appendChild(tf);
    content.appendChild(status);
    form('merge', 'Merge', [['into', 'keep (an address)'], ['other', 'merge in (an address)']],
      function (b) { return call('POST', '/admin/merge', b); });
    form('split', 'Split', [['email', 'address to detach']], function (b) { return call('POST', '/admin/split', b); });
    form('enroll', 'Enroll', [['person', 'person (an address)'], ['organization', 'organization'], ['from', 'from', 'date'],
      ['until', 'until', 'date']], function (b) { return call('POST', '/admin/enroll', b); });
    var logSection = section('Audit log', 'log');
    function showLog() {
      return call('GET', '/admin/log').then(function (ops) {
        var old = document.getElementById('audit-log');
        if (old) { old.remove(); }
        var box = el('div', { id: 'audit-log' });
        logSection.appendChild(box);
        table(box, 'audit-log-table', [['#', function (o) { return o.id; }, true], ['when', function (o) { return o.at.replace('T', ' ').replace(/\..*Z|Z/, ''); }],
          ['by', function (o) { return o.origin; }], ['operation', function (o) { return o.operation + (o.inForce ? '' : ' (undone)'); }],
          ['', function (o) {
            if (!o.inForce || o.kind === 'UNDO') { return ''; }
            var b = el('button', { type: 'button', 'class': 'undo', 'data-id': String(o.id) }, 'Undo');
            b.addEventListener('click', function () {
              call('POST', '/admin/undo', { id: o.id }).then(function (r) { status.textContent = '#' + r.id + ' ' + r.operation; return showLog(); })
                .catch(function (err) { status.textContent = 'Refused: ' + err.message; });
            });
            return b;
          }]], ops.slice().reverse(), 'No operations yet.');
      });
    }
    if (!token()) {
      logSection.appendChild(el('p', { 'class': 'empty', id: 'audit-log' }, 'Give the admin token to see the log and edit.'));
      return Promise.resolve();
    }
    return showLog().catch(function (err) { status.textContent = err.message; });
  }

  var pages = { '/': overview, '/release': release, '/organization': organization, '/person': person, '/admin': admin,
    '/reviews': reviews };
  fillFilters().then(pages[location.pathname] || overview).catch(function (e) {
    var box = document.getElementById('error');
    box.hidden = false;
    box.textContent = e.message;
  }).then(function () {
    document.body.setAttribute('data-loaded', 'true');
  });
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
})();

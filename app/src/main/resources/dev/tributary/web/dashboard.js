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

  /* columns: [heading, function(row) -> text or Node, numeric?] */
  function table(parent, id, columns, rows) {
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
        return { name: g, type: 'line', stack: 'total', areaStyle: {}, symbol: 'none',
          data: periods.map(function (t) { return by[g + '\u0000' + t] || 0; }) };
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

  function release() {
    if (!query.get('release')) {
      return api('/releases').then(function (rels) {
        document.getElementById('title').textContent = 'Releases';
        table(section('Releases'), 'releases', [
          ['release', function (r) { return link('/release', { release: r.name }, r.name); }],
          ['since', function (r) { return r.since; }], ['until', function (r) { return r.until; }]], rels);
      });
    }
    return api('/report', scope({ top: 25 })).then(function (rep) {
      document.getElementById('title').textContent = rep.title;
      figures([['changesets', 'changesets', num(rep.changesets)], ['developers', 'developers', num(rep.developers)],
        ['organizations', 'organizations', num(rep.organizations)],
        ['lines', 'lines', '+' + num(rep.linesAdded) + ' −' + num(rep.linesRemoved)]]);
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

  var pages = { '/': overview, '/release': release, '/organization': organization, '/person': person };
  fillFilters().then(pages[location.pathname] || overview).catch(function (e) {
    var box = document.getElementById('error');
    box.hidden = false;
    box.textContent = e.message;
  }).then(function () {
    document.body.setAttribute('data-loaded', 'true');
  });
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
})();

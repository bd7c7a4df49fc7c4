/* Tributary HTML report: draws the charts from the embedded figures and makes the tables sortable.
   Everything drawn comes from the JSON block; text goes to canvas or textContent, never to innerHTML. */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('tributary-data').textContent);
  var charts = [];

  function unique(xs) {
    var seen = {}, out = [];
    xs.forEach(function (x) { if (!seen.hasOwnProperty(x)) { seen[x] = true; out.push(x); } });
    return out;
  }
  var periods = unique(data.series.map(function (p) { return p.period; }));

  function values(metric, group) {
    var by = {};
    data.series.forEach(function (p) { if (p.metric === metric && p.group === group) { by[p.period] = p.value; } });
    return periods.map(function (t) { return by.hasOwnProperty(t) ? by[t] : null; });
  }

  function groups(metric) {
    return unique(data.series.filter(function (p) { return p.metric === metric && p.group !== 'all'; })
      .map(function (p) { return p.group; }));
  }

  var base = {
    animation: false,
    tooltip: { trigger: 'axis', renderMode: 'richText' },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 50, right: 20, top: 40, bottom: 40 },
    xAxis: { type: 'category', data: periods },
    yAxis: { type: 'value', minInterval: 1 }
  };

  function merge(extra) {
    var o = {};
    Object.keys(base).forEach(function (k) { o[k] = base[k]; });
    Object.keys(extra).forEach(function (k) { o[k] = extra[k]; });
    return o;
  }

  function stacked(metric) {
    return merge({
      series: groups(metric).map(function (g) {
        return { name: g, type: 'line', stack: 'total', areaStyle: {}, symbol: 'none',
          data: values(metric, g).map(function (v) { return v === null ? 0 : v; }) };
      })
    });
  }

  function lines(names) {
    return merge({
      series: names.map(function (n) {
        return { name: n[1], type: 'line', symbol: 'none', connectNulls: false, data: values(n[0], 'all') };
      })
    });
  }

  function pies() {
    var kinds = [['changesets', 'Changesets'], ['linesChanged', 'Lines changed'], ['developers', 'Developers']];
    return {
      animation: false,
      tooltip: { trigger: 'item', renderMode: 'richText' },
      title: kinds.map(function (k, i) {
        return { text: k[1], left: (100 * (2 * i + 1) / 6) + '%', top: 0, textAlign: 'center', textStyle: { fontSize: 13 } };
      }),
      series: kinds.map(function (k, i) {
        return { name: k[1], type: 'pie', radius: ['18%', '32%'], center: [(100 * (2 * i + 1) / 6) + '%', '55%'],
          label: { formatter: '{b}\n{d}%', fontSize: 11 },
          data: data.shares[k[0]].map(function (o) { return { name: o.name, value: o.value }; }) };
      })
    };
  }

  function heatmap() {
    var cells = [], max = 0;
    data.weekdayHour.forEach(function (row, d) {
      row.forEach(function (v, hr) { cells.push([hr, d, v]); if (v > max) { max = v; } });
    });
    var hours = [];
    for (var i = 0; i < 24; i++) { hours.push(String(i)); }
    return {
      animation: false,
      tooltip: { renderMode: 'richText' },
      grid: { left: 50, right: 20, top: 10, bottom: 70 },
      xAxis: { type: 'category', data: hours, name: 'hour' },
      yAxis: { type: 'category', data: data.weekdays, inverse: true },
      visualMap: { min: 0, max: Math.max(1, max), calculable: true, orient: 'horizontal', left: 'center', bottom: 0 },
      series: [{ name: 'commits', type: 'heatmap', data: cells }]
    };
  }

  // the review matrix: reviews by the reviewer's organization (rows) on changes by the author's (columns)
  function reviewMatrix() {
    var cells = data.reviewMatrix || [], max = 0;
    var rows = unique(cells.map(function (c) { return c.reviewer; }));
    var cols = unique(cells.map(function (c) { return c.author; }));
    var points = cells.map(function (c) {
      if (c.reviews > max) { max = c.reviews; }
      return [cols.indexOf(c.author), rows.indexOf(c.reviewer), c.reviews];
    });
    return {
      animation: false,
      tooltip: { renderMode: 'richText' },
      grid: { left: 160, right: 20, top: 10, bottom: 120 },
      xAxis: { type: 'category', data: cols, name: 'author', axisLabel: { rotate: 40 } },
      yAxis: { type: 'category', data: rows, name: 'reviewer', inverse: true },
      visualMap: { min: 0, max: Math.max(1, max), calculable: true, orient: 'horizontal', left: 'center', bottom: 0 },
      series: [{ name: 'reviews', type: 'heatmap', data: points }]
    };
  }

  var options = {
    'review-matrix': reviewMatrix,
    'contributors-by-org': function () { return stacked('contributors'); },
    'commits-by-org': function () { return stacked('commits'); },
    'org-share': pies,
    'new-returning': function () {
      return lines([['contributors', 'all contributors'], ['new-contributors', 'new contributors'], ['organizations', 'organizations']]);
    },
    'factors': function () { return lines([['elephant-factor', 'elephant factor'], ['pony-factor', 'pony factor']]); },
    'heatmap': heatmap
  };

  document.querySelectorAll('[data-chart]').forEach(function (el) {
    var make = options[el.getAttribute('data-chart')];
    if (!make) { return; }
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption(make());
    charts.push(chart);
  });
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
  window.addEventListener('beforeprint', function () { charts.forEach(function (c) { c.resize(); }); });
  document.body.setAttribute('data-charts-rendered', String(charts.length));

  // sortable tables: by the numeric data-v of a cell when it has one, else by its text
  document.querySelectorAll('table.sortable').forEach(function (table) {
    var heads = table.querySelectorAll('th');
    heads.forEach(function (th, col) {
      function sort() {
        var asc = th.getAttribute('aria-sort') !== 'ascending';
        heads.forEach(function (o) { o.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[col], y = b.cells[col], r;
          if (x.hasAttribute('data-v') && y.hasAttribute('data-v')) {
            r = parseFloat(x.getAttribute('data-v')) - parseFloat(y.getAttribute('data-v'));
          } else {
            r = x.textContent.localeCompare(y.textContent);
          }
          return asc ? r : -r;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (e) { if (e.key === 'Enter') { sort(); } });
    });
  });
})();

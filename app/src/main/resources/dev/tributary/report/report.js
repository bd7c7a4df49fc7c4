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
  // the periods of the time axes: the scope's, less outliers named in the notes (see HtmlReport.Axis)
  var periods = data.periods || unique(data.series.map(function (p) { return p.period; }));
  var palette = data.colors || {};
  // one colour per organization, the same in every chart; names not in the map fall back to ECharts' own
  function color(name) { return palette.hasOwnProperty(name) ? palette[name] : undefined; }

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
        var c = color(g);
        return { name: g, type: 'line', stack: 'total', areaStyle: c ? { color: c } : {}, symbol: 'none',
          itemStyle: c ? { color: c } : undefined, lineStyle: c ? { color: c } : undefined,
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

  // top-N organizations as horizontal bars, the rest as one Other bar: readable at any width, unlike donuts
  function bars() {
    var kinds = [['changesets', 'Changesets'], ['linesChanged', 'Lines changed'], ['developers', 'Developers']];
    var narrow = document.documentElement.clientWidth < 700;
    var n = kinds.length;
    return {
      animation: false,
      tooltip: { trigger: 'item', renderMode: 'richText',
        formatter: function (p) { return p.seriesName + ': ' + p.name + ' ' + (100 * p.value).toFixed(1) + '%'; } },
      title: kinds.map(function (k, i) {
        return narrow ? { text: k[1], left: 0, top: (100 * i / n) + '%', textStyle: { fontSize: 13 } }
          : { text: k[1], left: (100 * i / n + 1) + '%', top: 0, textStyle: { fontSize: 13 } };
      }),
      grid: kinds.map(function (k, i) {
        return narrow ? { left: 110, right: 50, top: (100 * i / n + 6) + '%', height: (100 / n - 10) + '%' }
          : { left: (100 * i / n + 9) + '%', width: (100 / n - 13) + '%', top: 30, bottom: 10 };
      }),
      xAxis: kinds.map(function (k, i) {
        return { gridIndex: i, type: 'value', max: 1, show: false };
      }),
      yAxis: kinds.map(function (k, i) {
        var rows = data.shares[k[0]];
        return { gridIndex: i, type: 'category', inverse: true, data: rows.map(function (o) { return o.name; }),
          axisLabel: { width: narrow ? 100 : 90, overflow: 'truncate', fontSize: 11 }, axisTick: { show: false } };
      }),
      series: kinds.map(function (k, i) {
        return { name: k[1], type: 'bar', xAxisIndex: i, yAxisIndex: i,
          label: { show: true, position: 'right', fontSize: 11,
            formatter: function (p) { return (100 * p.value).toFixed(1) + '%'; } },
          data: data.shares[k[0]].map(function (o) {
            var c = color(o.name);
            return { value: o.share, itemStyle: c ? { color: c } : undefined };
          }) };
      })
    };
  }

  // each release's share of changesets by organization, stacked to 100%, in the project's release order
  function trends() {
    var t = data.trends;
    return {
      animation: false,
      tooltip: { trigger: 'axis', renderMode: 'richText', valueFormatter: function (v) { return (100 * v).toFixed(1) + '%'; } },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 50, right: 20, top: 40, bottom: 40 },
      xAxis: { type: 'category', data: t.releases },
      yAxis: { type: 'value', max: 1, axisLabel: { formatter: function (v) { return Math.round(100 * v) + '%'; } } },
      series: Object.keys(t.shares).map(function (o) {
        var c = color(o);
        return { name: o, type: 'bar', stack: 'share', itemStyle: c ? { color: c } : undefined, data: t.shares[o] };
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
    'org-share': bars,
    'release-trends': trends,
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

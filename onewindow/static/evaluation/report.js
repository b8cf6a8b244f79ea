// The satisfaction report's chart: the figures come from the page (json_script), never fetched.
(function () {
  "use strict";
  var node = document.getElementById("report-chart");
  var data = document.getElementById("report-data");
  if (!node || !data || typeof echarts === "undefined") return;
  var figures = JSON.parse(data.textContent);
  if (!figures.names.length) return;
  var chart = echarts.init(node);
  chart.setOption({
    tooltip: { trigger: "axis" },
    legend: { data: [figures.labels.rate, figures.labels.bad] },
    grid: { left: 48, right: 48, bottom: 80 },
    xAxis: { type: "category", data: figures.names, axisLabel: { interval: 0, rotate: 30 } },
    yAxis: [
      { type: "value", min: 0, max: 100, name: "%" },
      { type: "value", minInterval: 1 },
    ],
    series: [
      { name: figures.labels.rate, type: "bar", data: figures.rates },
      { name: figures.labels.bad, type: "line", yAxisIndex: 1, data: figures.bad },
    ],
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();

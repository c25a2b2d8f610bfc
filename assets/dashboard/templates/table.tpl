{{%AUTOESCAPE context="HTML"}}
<section class="figure" id="t-{{ID}}">
<h2>{{CAPTION}}</h2>
<!-- CHART {{ID}}: the server-drawn SVG of this table (upstream/dashboard/svg_chart.hpp), made from the same Table. -->
{{#CHART}}<figure class="chart" id="chart-{{ID}}">{{SVG:none}}</figure>{{/CHART}}
<div class="scroll">
<table id="table-{{ID}}">
<thead><tr><th scope="col">{{CORNER}}</th>{{#COL}}<th scope="col">{{LABEL}}</th>{{/COL}}{{#HAS_ROW_TOTALS}}<th scope="col">{{T_dashboard__total}}</th>{{/HAS_ROW_TOTALS}}</tr></thead>
<tbody>
{{#ROW}}<tr data-row="{{CODE}}"><th scope="row">{{#LINK}}<a href="{{HREF}}">{{/LINK}}{{LABEL}}{{#LINK}}</a>{{/LINK}}</th>{{#CELL}}<td{{#HIDDEN}} class="hidden"{{/HIDDEN}}><span dir="ltr">{{TEXT}}</span></td>{{/CELL}}{{#ROW_TOTAL}}<td class="total"><span dir="ltr">{{TEXT}}</span></td>{{/ROW_TOTAL}}</tr>
{{/ROW}}
</tbody>
{{#FOOT}}<tfoot><tr data-row="total"><th scope="row">{{T_dashboard__total}}</th>{{#CELL}}<td class="total{{#HIDDEN}} hidden{{/HIDDEN}}"><span dir="ltr">{{TEXT}}</span></td>{{/CELL}}{{#GRAND}}<td class="total{{#HIDDEN}} hidden{{/HIDDEN}}"><span dir="ltr">{{TEXT}}</span></td>{{/GRAND}}</tr></tfoot>{{/FOOT}}
</table>
</div>
{{#EMPTY}}<p class="note">{{T_dashboard__no_rows}}</p>{{/EMPTY}}
{{#NOTE}}<p class="note sensitive">{{TEXT}}</p>{{/NOTE}}
<p class="download"><a class="csv" id="csv-{{ID}}" href="{{CSV_HREF}}">{{T_dashboard__csv}}</a></p>
</section>

{{%AUTOESCAPE context="HTML"}}
<section class="figure" id="t-{{ID}}">
<h2>{{CAPTION}}</h2>
<div class="scroll">
<table id="table-{{ID}}">
<thead><tr><th scope="col">{{CORNER}}</th><th scope="col">{{T_dashboard__col_waits}}</th><th scope="col">{{T_dashboard__col_median}}</th><th scope="col">{{T_dashboard__col_p90}}</th></tr></thead>
<tbody>
{{#ROW}}<tr data-row="{{CODE}}"><th scope="row">{{LABEL}}</th><td{{#HIDDEN}} class="hidden"{{/HIDDEN}}><span dir="ltr">{{COUNT}}</span></td><td>{{MEDIAN}}</td><td>{{P90}}</td></tr>
{{/ROW}}
</tbody>
</table>
</div>
<p class="note">{{T_dashboard__note_waits}}</p>
{{#NOTE}}<p class="note sensitive">{{TEXT}}</p>{{/NOTE}}
<p class="download"><a class="csv" id="csv-{{ID}}" href="{{CSV_HREF}}">{{T_dashboard__csv}}</a></p>
</section>

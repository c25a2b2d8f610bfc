{{%AUTOESCAPE context="HTML"}}
<p class="scope" id="scope">{{SCOPE}}</p>
<section class="figure" id="t-health">
<h2>{{T_dashboard__table_health}}</h2>
<div class="scroll">
<table id="table-health">
<thead><tr><th scope="col">{{T_dashboard__col_centre}}</th><th scope="col">{{T_dashboard__col_region}}</th><th scope="col">{{T_dashboard__col_status}}</th><th scope="col">{{T_dashboard__col_last_seen}}</th><th scope="col">{{T_dashboard__col_backlog}}</th><th scope="col">{{T_dashboard__col_free_disk}}</th><th scope="col">{{T_dashboard__col_version}}</th><th scope="col">{{T_dashboard__col_visits_30}}</th><th scope="col">{{T_dashboard__col_median}}</th><th scope="col">{{T_dashboard__col_p90}}</th></tr></thead>
<tbody>
{{#CENTRE}}<tr data-row="{{ID}}"{{#FLAGGED}} class="flagged"{{/FLAGGED}}><th scope="row"><a href="{{HREF}}">{{NAME}}</a></th><td class="text">{{REGION}}</td><td class="text status">{{STATUS}}</td><td dir="ltr">{{LAST_SEEN}}</td><td>{{BACKLOG}}</td><td>{{FREE_DISK}}</td><td dir="ltr">{{VERSION}}</td><td{{#HIDDEN}} class="hidden"{{/HIDDEN}}><span dir="ltr">{{VISITS}}</span></td><td>{{MEDIAN}}</td><td>{{P90}}</td></tr>
{{/CENTRE}}
</tbody>
{{#FOOT}}<tfoot><tr data-row="total"><th scope="row">{{T_dashboard__total}}</th><td></td><td></td><td></td><td></td><td></td><td></td><td class="total"><span dir="ltr">{{VISITS}}</span></td><td></td><td></td></tr></tfoot>{{/FOOT}}
</table>
</div>
{{#EMPTY}}<p class="note">{{T_dashboard__no_centres}}</p>{{/EMPTY}}
{{#NOTE}}<p class="note sensitive">{{TEXT}}</p>{{/NOTE}}
<p class="download"><a class="csv" id="csv-health" href="{{CSV_HREF}}">{{T_dashboard__csv}}</a></p>
</section>

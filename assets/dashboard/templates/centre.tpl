{{%AUTOESCAPE context="HTML"}}
<section class="figure" id="health">
<h2>{{T_dashboard__table_health}}</h2>
<dl class="health{{#FLAGGED}} flagged{{/FLAGGED}}">
<dt>{{T_dashboard__col_region}}</dt><dd>{{REGION}}</dd>
<dt>{{T_dashboard__col_status}}</dt><dd class="status" id="status">{{STATUS}}</dd>
<dt>{{T_dashboard__col_last_seen}}</dt><dd dir="ltr">{{LAST_SEEN}}</dd>
<dt>{{T_dashboard__col_backlog}}</dt><dd>{{BACKLOG}}</dd>
<dt>{{T_dashboard__col_free_disk}}</dt><dd>{{FREE_DISK}}</dd>
<dt>{{T_dashboard__col_version}}</dt><dd dir="ltr">{{VERSION}}</dd>
</dl>
</section>
{{#TABLES}}{{>TABLE}}{{/TABLES}}

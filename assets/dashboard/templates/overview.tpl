{{%AUTOESCAPE context="HTML"}}
<p class="scope" id="scope">{{SCOPE}}</p>
<section class="figure" id="t-jisr">
<h2>{{T_dashboard__jisr_title}}</h2>
<ul class="jisr">
{{#JISR}}<li data-row="{{CODE}}"><span class="label">{{LABEL}}</span> <span class="value" dir="ltr">{{WOMEN}}</span> <span class="share">{{SHARE}}</span></li>
{{/JISR}}
</ul>
</section>
{{#TABLES}}{{>TABLE}}{{/TABLES}}

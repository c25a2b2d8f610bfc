{{%AUTOESCAPE context="HTML"}}
<p><a id="back" class="button" href="{{BACK}}">{{T_dashboard__back}}</a></p>

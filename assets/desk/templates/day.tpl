{{%AUTOESCAPE context="HTML"}}
<div id="appointments-today" class="day-list">
  <h3>{{T_desk__today_appointments}}</h3>
  {{#NO_DAY_APPOINTMENTS}}<p class="note">{{T_desk__no_appointments_today}}</p>{{/NO_DAY_APPOINTMENTS}}
  <ul>{{#DAY_APPOINTMENT}}<li class="{{CLASS}}"><span class="time" dir="ltr">{{TIME}}</span>
    <span class="who" dir="auto">{{WHO}}</span> <span class="service">{{SERVICE}}</span>
    <span class="state">{{STATE}}</span></li>{{/DAY_APPOINTMENT}}</ul>
</div>
<div id="referrals-in" class="day-list">
  <h3>{{T_desk__referrals_in}}</h3>
  {{#NO_INCOMING}}<p class="note">{{T_desk__no_referrals_in}}</p>{{/NO_INCOMING}}
  <ul>{{#INCOMING}}<li data-referral="{{ID}}"><span>{{FROM}} → {{PLACE}}</span> · <span>{{DAY}}</span> ·
    <span class="state">{{STATE}}</span>
    {{#REASON}}<q dir="auto">{{TEXT}}</q>{{/REASON}}{{#HIDDEN}}<em class="note">{{REASON_HIDDEN}}</em>{{/HIDDEN}}
    {{>STEPS}}</li>{{/INCOMING}}</ul>
</div>

{{%AUTOESCAPE context="HTML"}}
{{#PROPOSED}}<div class="steps">
  <form method="post" action="/referral">
    <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="referral" value="{{ID}}">
    <input type="hidden" name="step" value="accept">
    <button type="submit" class="small">{{T_desk__referral_accept}}</button>
  </form>
  <form method="post" action="/referral">
    <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="referral" value="{{ID}}">
    <input type="hidden" name="step" value="decline">
    <select name="reason" aria-label="{{T_desk__referral_why}}">{{#DECLINE_REASON}}<option value="{{CODE}}">{{LABEL}}</option>{{/DECLINE_REASON}}</select>
    <button type="submit" class="small">{{T_desk__referral_decline}}</button>
  </form>
</div>{{/PROPOSED}}
{{#ACCEPTED}}<div class="steps">
  <form method="post" action="/referral">
    <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="referral" value="{{ID}}">
    <input type="hidden" name="step" value="complete">
    <button type="submit" class="small">{{T_desk__referral_complete}}</button>
  </form>
  <form method="post" action="/referral">
    <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="referral" value="{{ID}}">
    <input type="hidden" name="step" value="not_complete">
    <select name="reason" aria-label="{{T_desk__referral_why}}">{{#NOT_COMPLETED_REASON}}<option value="{{CODE}}">{{LABEL}}</option>{{/NOT_COMPLETED_REASON}}</select>
    <button type="submit" class="small">{{T_desk__referral_not_complete}}</button>
  </form>
</div>{{/ACCEPTED}}

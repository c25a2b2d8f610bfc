{{%AUTOESCAPE context="HTML"}}
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{{TITLE}}</title>
<link rel="stylesheet" href="{{CSS_URL}}">
<script src="{{JS_URL}}" defer></script>

/* The console's pages (control-plane/console/), compiled into the control plane so a
 * deployment is one binary with no asset directory to keep in step with it. */
#include <stddef.h>

const unsigned char immagin_console_index_html[] = {
#embed "../../console/index.html"
};
const size_t immagin_console_index_html_size = sizeof immagin_console_index_html;

const unsigned char immagin_console_app_js[] = {
#embed "../../console/app.js"
};
const size_t immagin_console_app_js_size = sizeof immagin_console_app_js;

const unsigned char immagin_console_style_css[] = {
#embed "../../console/style.css"
};
const size_t immagin_console_style_css_size = sizeof immagin_console_style_css;

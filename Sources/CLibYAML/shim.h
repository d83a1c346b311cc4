#ifndef WIREFEED_CLIBYAML_SHIM_H
#define WIREFEED_CLIBYAML_SHIM_H

#include <yaml.h>

#endif

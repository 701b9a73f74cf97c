// SecretStore is an interface; this file gives its QObject meta-object a home.
#include "SecretStore.h"

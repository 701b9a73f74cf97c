#pragma once

#include "common/Error.h"

#include <QTest>

// QtTest checks for Result/Status that print the error's code and message on failure, so that a failing
// storage test says why instead of "ok() returned false".

#define SREG_VERIFY_OK(result)                                                                                         \
    do {                                                                                                               \
        const auto& sregResult_ = (result);                                                                            \
        QVERIFY2(sregResult_.ok(),                                                                                     \
                 sregResult_.ok() ? ""                                                                                 \
                                  : qPrintable(::sreg::errorCodeName(sregResult_.error().code())                       \
                                               + QStringLiteral(": ") + sregResult_.error().message()));               \
    } while (false)

#define SREG_VERIFY_ERROR(result, expectedCode)                                                                        \
    do {                                                                                                               \
        const auto& sregResult_ = (result);                                                                            \
        QVERIFY2(!sregResult_.ok(), "succeeded, but a failure was expected");                                          \
        QVERIFY2(                                                                                                      \
            sregResult_.error().code() == (expectedCode),                                                              \
            qPrintable(QStringLiteral("expected %1, got %2: %3")                                                       \
                           .arg(::sreg::errorCodeName(expectedCode),                                                   \
                                ::sreg::errorCodeName(sregResult_.error().code()), sregResult_.error().message())));   \
    } while (false)

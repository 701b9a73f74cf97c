#pragma once

#include "registry/AccountService.h"

#include <QDialog>

namespace sreg {

class CopyField;

// Shows a new token's secret, the only time it can be seen (only its hash is stored), with a copy button and
// the commands that use it. Closing forgets the secret.
class TokenCreatedDialog final : public QDialog
{
    Q_OBJECT

public:
    TokenCreatedDialog(const NewToken& token, QWidget* parent = nullptr);

    CopyField* secretField() const { return m_secret; }

protected:
    void done(int result) override;

private:
    CopyField* m_secret;
};

} // namespace sreg
